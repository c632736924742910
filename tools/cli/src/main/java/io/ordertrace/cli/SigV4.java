/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 GET requests with an empty body, as AWS documents it ("Signature
 * Calculations for the Authorization Header"); {@code SigV4Test} checks AWS's published example
 * signatures.
 */
final class SigV4 {

  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** AWS credentials; {@code sessionToken} may be {@code null}. */
  record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {}

  private SigV4() {}

  /**
   * The headers to add to a GET: {@code x-amz-date}, {@code x-amz-content-sha256}, {@code
   * x-amz-security-token} (with a session token) and {@code Authorization}.
   *
   * @param host the Host header exactly as it will be sent
   * @param canonicalPath the URI-encoded path as sent
   * @param query the query parameters, unencoded
   * @param extraHeaders other headers sent and signed (lower-case names)
   */
  static Map<String, String> sign(
      Credentials credentials,
      String region,
      Instant now,
      String host,
      String canonicalPath,
      Map<String, String> query,
      Map<String, String> extraHeaders) {
    String amzDate = AMZ_DATE.format(now);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> headers = new TreeMap<>();
    extraHeaders.forEach(
        (name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value.strip()));
    headers.put("host", host);
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    headers.put("x-amz-date", amzDate);
    if (credentials.sessionToken() != null) {
      headers.put("x-amz-security-token", credentials.sessionToken());
    }
    String canonicalQuery =
        new TreeMap<>(query)
            .entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    String canonicalHeaders =
        headers.entrySet().stream()
            .map(entry -> entry.getKey() + ":" + entry.getValue() + "\n")
            .collect(Collectors.joining());
    String signedHeaders = String.join(";", headers.keySet());
    String canonicalRequest =
        String.join(
            "\n",
            "GET",
            canonicalPath,
            canonicalQuery,
            canonicalHeaders,
            signedHeaders,
            EMPTY_SHA256);
    String scope = date + "/" + region + "/s3/aws4_request";
    String stringToSign =
        String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
    byte[] key =
        hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, stringToSign));

    Map<String, String> result = new TreeMap<>();
    result.put("x-amz-date", amzDate);
    result.put("x-amz-content-sha256", EMPTY_SHA256);
    if (credentials.sessionToken() != null) {
      result.put("x-amz-security-token", credentials.sessionToken());
    }
    result.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return result;
  }

  /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** An object key as a path: every segment encoded, the slashes kept. */
  static String encodePath(String path) {
    return java.util.Arrays.stream(path.split("/", -1))
        .map(SigV4::encode)
        .collect(Collectors.joining("/"));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
