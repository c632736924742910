/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * GETs on Jaeger's query API. Only the path and the checked parameters (re-encoded) are sent, with
 * {@code Accept: application/json}; no header of the caller reaches Jaeger. Answers larger than the
 * configured cap are not read past the cap.
 */
final class JaegerUpstream {

  private final URI base;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final HttpClient client;

  JaegerUpstream(URI base, Duration timeout, int maxResponseBytes) {
    this.base = base;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.client =
        HttpClient.newBuilder()
            .version(
                HttpClient.Version
                    .HTTP_1_1) // Jaeger's HTTP API; no h2c upgrade attempt per connection
            .connectTimeout(Duration.ofSeconds(Math.min(5, timeout.toSeconds())))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @SuppressWarnings("ArrayRecordComponent") // read once, relayed once; never compared or hashed
  record Response(int status, String contentType, byte[] body) {}

  /** Jaeger could not be asked, or did not answer in time, or answered too much. */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    UnavailableException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** 502 (unreachable, too large) or 504 (timeout). */
    int status() {
      return status;
    }
  }

  URI base() {
    return base;
  }

  Response get(String path, Map<String, String> parameters)
      throws UnavailableException, InterruptedException {
    String query = encode(parameters);
    URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(maxResponseBytes + 1);
      }
      if (body.length > maxResponseBytes) {
        throw new UnavailableException(
            502,
            "Jaeger's answer is larger than "
                + maxResponseBytes
                + " bytes ("
                + GatewayConfig.MAX_RESPONSE_BYTES
                + "); narrow the query");
      }
      return new Response(
          response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), body);
    } catch (HttpTimeoutException e) {
      throw new UnavailableException(
          504, "Jaeger at " + base + " did not answer within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new UnavailableException(
          502, "cannot reach Jaeger at " + base + " (connection refused)");
    } catch (IOException e) {
      throw new UnavailableException(
          502, "cannot reach Jaeger at " + base + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  static String encode(Map<String, String> parameters) {
    StringJoiner joiner = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            joiner.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    return joiner.toString();
  }
}
