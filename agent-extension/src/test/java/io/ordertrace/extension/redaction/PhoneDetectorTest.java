/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static io.ordertrace.extension.redaction.DetectorAssertions.assertUnchanged;
import static io.ordertrace.extension.redaction.DetectorAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {

  private final PhoneDetector detector = new PhoneDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+7 (912) 345-67-89",
        "+7 912 345 67 89",
        "8 912 345 67 89",
        "8 (912) 345-67-89",
        "89123456789",
        "79123456789",
        "+79123456789",
        "+44 20 7946 0958",
        "+1-202-555-0143",
        "8-800-555-35-35"
      })
  void replacesEveryDocumentedShape(String phone) {
    assertThat(run(detector, "call " + phone + " now")).isEqualTo("call [REDACTED:phone] now");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order 100234",
        "order 4200000001",
        "order 5000000000",
        "id 12345678901", // 11 digits but not [78]9...
        "ts 1700000000123",
        "trace 89123456789abcdef0123456789abcde", // inside a hex id
        "uuid 7f3e9a10-4c2b-4d7e-9a4b-123456789012",
        "+7 days",
        "v1.89123456789" // part of a dotted version
      })
  void neverTakesIdsOrTimestampsForPhones(String text) {
    assertUnchanged(detector, text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+12 345", "+123456789012345678"})
  void rejectsInternationalNumbersWithImplausibleDigitCounts(String text) {
    assertUnchanged(detector, "x " + text + " y 0123456789");
  }
}
