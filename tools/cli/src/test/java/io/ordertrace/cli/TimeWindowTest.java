/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void sinceCountsBackFromNowWithAMinuteOfClockSlack() {
    TimeWindow window = TimeWindow.parse("2h", null, null, NOW);
    assertThat(window.from()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    assertThat(window.to()).isEqualTo(Instant.parse("2026-11-29T12:01:00Z"));
    assertThat(window.description()).isEqualTo("the last 2h");
  }

  @Test
  void theDefaultIsThirtyDays() {
    assertThat(TimeWindow.parse(null, null, null, NOW).from())
        .isEqualTo(Instant.parse("2026-10-30T12:00:00Z"));
  }

  @Test
  void datesCoverWholeUtcDays() {
    TimeWindow window = TimeWindow.parse(null, "2026-11-01", "2026-11-02", NOW);
    assertThat(window.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(window.to()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
  }

  @Test
  void instantsAreTakenAsGiven() {
    TimeWindow window = TimeWindow.parse(null, "2026-11-29T10:00:00Z", "2026-11-29T11:30:00Z", NOW);
    assertThat(window.description()).isEqualTo("2026-11-29T10:00:00Z .. 2026-11-29T11:30:00Z");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "1h,2026-11-29,-, either --since or --from/--to",
        "-,yesterday,-, invalid --from 'yesterday'",
        "-,-,29.11.2026, invalid --to '29.11.2026'",
        "-,2026-11-29T11:00:00Z,2026-11-29T10:00:00Z, is not before --to",
        "-,2026-12-29T11:00:00Z,-, is not before --to",
        "-,2027-01-01T00:00:00Z,2027-01-02T00:00:00Z, is in the future",
        "-,2024-01-01,2026-01-01, longer than 365d",
        "400d,-,-, at most 365d",
        "5y,-,-, invalid --since '5y'",
      })
  void badWindowsHaveTheirOwnExitCode(String since, String from, String to, String message) {
    assertThatThrownBy(() -> TimeWindow.parse(since, from, to, NOW))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_WINDOW))
        .hasMessageContaining(message.strip());
  }
}
