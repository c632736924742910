/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "378282246310005", "6011111111111117", "0", "18"})
  void acceptsNumbersWithACorrectCheckDigit(String digits) {
    assertThat(LuhnCheck.isValid(digits)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "1700000000123", "1234567890123456", "19"})
  void rejectsNumbersWithAWrongCheckDigit(String digits) {
    assertThat(LuhnCheck.isValid(digits)).isFalse();
  }

  @Test
  void rejectsEmptyAndNonDigitInput() {
    assertThat(LuhnCheck.isValid("")).isFalse();
    assertThat(LuhnCheck.isValid("4111-1111")).isFalse();
  }
}
