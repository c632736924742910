/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesWindows() {
    assertThat(Durations.parseWindow("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parseWindow("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parseWindow("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parseWindow("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(Durations.parseWindow("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parseWindow("12H")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parseWindow("365d")).isEqualTo(Duration.ofDays(365));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "30", "d", "0d", "-1d", "1y", "1.5h", "30 d", "15min", "366d", "99999999d"})
  void refusesOtherWindows(String text) {
    assertThatThrownBy(() -> Durations.parseWindow(text))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--since");
  }

  @Test
  void formatsForPeople() {
    assertThat(Durations.format(420_000)).isEqualTo("0.42 ms");
    assertThat(Durations.format(12_340_000)).isEqualTo("12.3 ms");
    assertThat(Durations.format(450_000_000)).isEqualTo("450 ms");
    assertThat(Durations.format(1_250_000_000)).isEqualTo("1250 ms");
    assertThat(Durations.format(12_340_000_000L)).isEqualTo("12.3 s");
    assertThat(Durations.format(125_000_000_000L)).isEqualTo("2m05s");
  }

  @Test
  void millisForJson() {
    assertThat(Durations.millis(1_234_567)).isEqualTo(1.235);
  }
}
