/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static io.ordertrace.extension.redaction.DetectorAssertions.assertUnchanged;
import static io.ordertrace.extension.redaction.DetectorAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberDetectorTest {

  private final CardNumberDetector detector = new CardNumberDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "3782 822463 10005",
        "2200 7777 7777 7779",
        "4777777777777777775"
      })
  void replacesValidCardsWithOrWithoutSeparators(String card) {
    assertThat(run(detector, "card " + card + ".")).isEqualTo("card [REDACTED:card].");
  }

  @Test
  void findsTheCardInsideALongerRunOfGroups() {
    assertThat(run(detector, "ID 12 4111 1111 1111 1111 (test)"))
        .isEqualTo("ID 12 [REDACTED:card] (test)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "epoch 1700000000123",
        "nanos 1700000000123456789",
        "4111111111111112", // Luhn fails
        "1234 5678 9012 3456", // no brand
        "4000000000000000000000", // too long
        "hex a4111111111111111"
      })
  void leavesNumbersThatAreNotCards(String text) {
    assertUnchanged(detector, text);
  }
}
