/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardBrandTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111", // Visa
        "4777777777771", // Visa, 13 digits
        "5555555555554444", // Mastercard
        "2221000000000009", // Mastercard 2-series
        "378282246310005", // Amex
        "2200777777777779", // Mir
        "6011111111111117", // Discover
        "3566002020360505", // JCB
        "6200777777777770", // UnionPay
        "6759777777777775" // Maestro
      })
  void knowsRealIssuerPrefixes(String digits) {
    assertThat(CardBrand.isKnown(digits)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1700000000123", // epoch millis
        "1234567890123456",
        "9780316148410", // ISBN-13
        "411111111111111", // Visa with 15 digits
        "37828224631000", // Amex too short
        "41111111111" // too short for any card
      })
  void rejectsUnknownPrefixesAndWrongLengths(String digits) {
    assertThat(CardBrand.isKnown(digits)).isFalse();
  }
}
