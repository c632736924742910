/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The two S3 calls the archive reader needs, ListObjectsV2 and GetObject, path-style over the JDK's
 * HttpClient, signed with {@link SigV4} when credentials are given (anonymous otherwise). Failures
 * are {@link CliException}s: unreachable ({@link ExitCodes#STORE_UNREACHABLE}) or an S3 error
 * ({@link ExitCodes#STORE_ERROR}), one line naming the URL and S3's error code.
 */
final class S3Client {

  private final String endpoint;
  private final URI endpointUri;
  private final String region;
  @Nullable private final SigV4.Credentials credentials;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  S3Client(
      URI endpoint,
      String region,
      @Nullable SigV4.Credentials credentials,
      Duration timeout,
      Clock clock) {
    String text = endpoint.toString();
    this.endpoint = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.endpointUri = endpoint;
    this.region = region;
    this.credentials = credentials;
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Every key under {@code prefix} (all pages). */
  List<String> list(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("list-type", "2");
      query.put("prefix", prefix);
      if (token != null) {
        query.put("continuation-token", token);
      }
      byte[] body = get("/" + SigV4.encode(bucket), query);
      Document xml = xml(body, bucket);
      NodeList contents = xml.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        keys.add(child((Element) contents.item(i), "Key"));
      }
      token =
          "true".equals(child(xml.getDocumentElement(), "IsTruncated"))
              ? child(xml.getDocumentElement(), "NextContinuationToken")
              : null;
    } while (token != null && !token.isEmpty());
    return keys;
  }

  /** The bytes of one object, as stored. */
  byte[] object(String bucket, String key) {
    return get("/" + SigV4.encode(bucket) + "/" + SigV4.encodePath(key), Map.of());
  }

  private byte[] get(String path, Map<String, String> query) {
    String queryString =
        query.entrySet().stream()
            .map(entry -> SigV4.encode(entry.getKey()) + "=" + SigV4.encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    String basePath =
        endpointUri.getRawPath() == null ? "" : endpointUri.getRawPath().replaceAll("/$", "");
    String url = endpoint + path + (queryString.isEmpty() ? "" : "?" + queryString);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    if (credentials != null) {
      SigV4.sign(
              credentials, region, clock.instant(), hostHeader(), basePath + path, query, Map.of())
          .forEach(request::header);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new CliException(
          ExitCodes.STORE_UNREACHABLE,
          "no answer from the archive at " + url + " within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new CliException(
          ExitCodes.STORE_UNREACHABLE,
          "cannot reach the archive at "
              + url
              + " (connection refused). Is it running? Set --archive-url.");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.STORE_UNREACHABLE,
          "cannot reach the archive at " + url + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(
          ExitCodes.STORE_UNREACHABLE, "interrupted while asking the archive at " + url);
    }
    if (response.statusCode() != 200) {
      throw new CliException(
          ExitCodes.STORE_ERROR,
          "the archive at "
              + url
              + " answered HTTP "
              + response.statusCode()
              + s3Error(response.body()));
    }
    return response.body();
  }

  /** The Host header the JDK sends: the port only when it is not the scheme's default. */
  private String hostHeader() {
    int port = endpointUri.getPort();
    boolean https = "https".equalsIgnoreCase(endpointUri.getScheme());
    boolean defaultPort = port == -1 || (https ? port == 443 : port == 80);
    return defaultPort ? endpointUri.getHost() : endpointUri.getHost() + ":" + port;
  }

  private static String s3Error(byte[] body) {
    try {
      Document xml = parse(body);
      String code = child(xml.getDocumentElement(), "Code");
      String message = child(xml.getDocumentElement(), "Message");
      if (!code.isEmpty()) {
        return ": "
            + code
            + (message.isEmpty() ? "" : " (" + WaterfallRenderer.oneLine(message) + ")");
      }
    } catch (RuntimeException notXml) {
      // fall through
    }
    return "";
  }

  private Document xml(byte[] body, String bucket) {
    try {
      return parse(body);
    } catch (RuntimeException e) {
      throw new CliException(
          ExitCodes.STORE_ERROR,
          "the archive at "
              + endpoint
              + " answered a listing of bucket "
              + bucket
              + " that is not S3 XML");
    }
  }

  private static Document parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw new IllegalArgumentException("not XML", e);
    }
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getParentNode() == parent) {
        return nodes.item(i).getTextContent().strip();
      }
    }
    return "";
  }

  String describe() {
    return endpoint;
  }
}
