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

class EmailDetectorTest {

  private final EmailDetector detector = new EmailDetector();

  @Test
  void replacesAnAddressAndKeepsTheRest() {
    assertThat(run(detector, "sent to ivan@mail.ru today"))
        .isEqualTo("sent to [REDACTED:email] today");
  }

  @Test
  void replacesUrlEncodedAddresses() {
    assertThat(run(detector, "?email=ivan%40mail.ru&page=2"))
        .isEqualTo("?email=[REDACTED:email]&page=2");
  }

  @Test
  void replacesEveryAddress() {
    assertThat(run(detector, "a.b@c.io, x.y@z.org"))
        .isEqualTo("[REDACTED:email], [REDACTED:email]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"user@localhost", "ssh deploy@10.0.0.12", "@Override", "admin@ x", "100%"})
  void leavesAtSignsThatAreNotAddresses(String text) {
    assertUnchanged(detector, text);
  }
}
