/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionFormatTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 7);

  @ParameterizedTest
  @CsvSource({
    "year=%Y/month=%m/day=%d/hour=%H, year=2026/month=03/day=07/",
    "year=%Y/month=%m/day=%d/hour=%H/minute=%M, year=2026/month=03/day=07/",
    "%Y/%m/%d/%H/%M, 2026/03/07/",
    "%F, 2026-03-07/",
    "dt=%Y%m%d, dt=20260307/",
    "%Y/%j/%H, 2026/066/",
  })
  void listsByTheDayPartOfTheFormat(String format, String prefix) {
    assertThat(PartitionFormat.parse(format).dayPrefix(DAY)).isEqualTo(prefix);
  }

  @Test
  void aFormatWithoutDaysListsEverything() {
    PartitionFormat format = PartitionFormat.parse("hour=%H");
    assertThat(format.hasDays()).isFalse();
  }

  @Test
  void unknownDirectivesAreRefused() {
    assertThatThrownBy(() -> PartitionFormat.parse("%Q/%Y"))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("%Q");
  }
}
