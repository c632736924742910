/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS's published SigV4 examples for S3 (the example credentials and signatures of the S3 API
 * reference).
 */
class SigV4Test {

  private static final SigV4.Credentials EXAMPLE =
      new SigV4.Credentials(
          "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
  private static final Instant WHEN = Instant.parse("2013-05-24T00:00:00Z");
  private static final String HOST = "examplebucket.s3.amazonaws.com";

  @Test
  void getObjectWithRange() {
    Map<String, String> headers =
        SigV4.sign(
            EXAMPLE, "us-east-1", WHEN, HOST, "/test.txt", Map.of(), Map.of("Range", "bytes=0-9"));

    assertThat(headers.get("Authorization"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    assertThat(headers)
        .containsEntry("x-amz-date", "20130524T000000Z")
        .containsEntry("x-amz-content-sha256", SigV4.EMPTY_SHA256);
  }

  @Test
  void listObjectsWithQueryParameters() {
    Map<String, String> headers =
        SigV4.sign(
            EXAMPLE,
            "us-east-1",
            WHEN,
            HOST,
            "/",
            Map.of("max-keys", "2", "prefix", "J"),
            Map.of());

    assertThat(headers.get("Authorization"))
        .endsWith(
            "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void subresourceWithoutValue() {
    Map<String, String> headers =
        SigV4.sign(EXAMPLE, "us-east-1", WHEN, HOST, "/", Map.of("lifecycle", ""), Map.of());

    assertThat(headers.get("Authorization"))
        .endsWith("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
  }

  @Test
  void sessionTokensAreSentAndSigned() {
    Map<String, String> headers =
        SigV4.sign(
            new SigV4.Credentials("AKID", "secret", "token/1"),
            "eu-central-1",
            WHEN,
            "127.0.0.1:9000",
            "/b",
            Map.of(),
            Map.of());

    assertThat(headers).containsEntry("x-amz-security-token", "token/1");
    assertThat(headers.get("Authorization"))
        .contains("Credential=AKID/20130524/eu-central-1/s3/aws4_request")
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  }

  @Test
  void keysAreEncodedPerSegment() {
    assertThat(SigV4.encodePath("traces/year=2026/month=11/traces_1 2.json.gz"))
        .isEqualTo("traces/year%3D2026/month%3D11/traces_1%202.json.gz");
    assertThat(SigV4.encode("a~b_c-d.e/f+g")).isEqualTo("a~b_c-d.e%2Ff%2Bg");
  }
}
