/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwtClaimsTest {

  private static String bearer(String payloadJson) {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    return "Bearer eyJhbGciOiJub25lIn0." + payload + ".sig";
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "{\"sub\":\"u-1\"} | u-1",
        "{ \"sub\" : \"u-2\" , \"x\":1} | u-2",
        "{\"sub\":12345} | 12345",
        "{\"name\":\"sub\",\"sub\":\"u-3\"} | u-3",
        "{\"subject\":\"u-4\"} | null",
        "{} | null",
        "{\"act\":{\"sub\":\"admin\"},\"sub\":\"u-5\"} | u-5",
        "{\"act\":{\"sub\":\"admin\"}} | null",
        "{\"list\":[{\"sub\":\"admin\"}]} | null",
        "{\"note\":\"\\\"sub\\\":\\\"admin\\\"\",\"sub\":\"u-6\"} | u-6",
      })
  void readsTheSubjectClaim(String json, String expected) {
    assertThat(JwtClaims.claim(bearer(json), "sub")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {"null", "Basic dXNlcjpwYXNz", "Bearer nodots", "Bearer a.!!!.c", "Bearer"})
  void ignoresWhatIsNotABearerJwt(String header) {
    assertThat(JwtClaims.claim(header, "sub")).isNull();
  }
}
