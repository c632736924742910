/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnilsChecksumTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "11223344595, sum below 100 is the control itself",
    "05023431600, sum of exactly 100 gives 00",
    "01610339600, sum of exactly 101 gives 00",
    "08765430300, sum above 101 is taken mod 101 (202 -> 0)",
    "82098123300, a remainder of 100 gives 00",
    "98765432183, sum 285 mod 101 is 83"
  })
  void acceptsValidControlNumbers(String digits, String why) {
    assertThat(SnilsChecksum.isValid(digits)).as(why).isTrue();
  }

  @Test
  void rejectsAWrongControlNumber() {
    assertThat(SnilsChecksum.isValid("11223344596")).isFalse();
    assertThat(SnilsChecksum.isValid("05023431699")).isFalse();
  }

  @Test
  void rejectsNumbersIssuedBeforeTheControlExisted() {
    // 001-001-998 and below carry no control number, so nothing can be verified
    assertThat(SnilsChecksum.isValid("00100199800")).isFalse();
  }

  @Test
  void rejectsWrongLengthAndNonDigits() {
    assertThat(SnilsChecksum.isValid("1122334459")).isFalse();
    assertThat(SnilsChecksum.isValid("112233445-5")).isFalse();
  }

  @Test
  void expectedControlFollowsTheRules() {
    assertThat(SnilsChecksum.expectedControl(99)).isEqualTo(99);
    assertThat(SnilsChecksum.expectedControl(100)).isZero();
    assertThat(SnilsChecksum.expectedControl(101)).isZero();
    assertThat(SnilsChecksum.expectedControl(102)).isEqualTo(1);
    assertThat(SnilsChecksum.expectedControl(201)).isZero();
  }
}
