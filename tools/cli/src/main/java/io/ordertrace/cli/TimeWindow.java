/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.annotation.Nullable;

/**
 * The window {@code find} searches: {@code --since 30d} (the default) back from now, or {@code
 * --from}/{@code --to} as ISO-8601 instants ({@code 2026-11-29T10:00:00Z}) or UTC dates ({@code
 * 2026-11-29}: {@code --from} its start, {@code --to} its end).
 *
 * @param description how the window is named in messages: {@code the last 30d} or {@code
 *     2026-11-29T10:00:00Z .. 2026-11-29T12:00:00Z}
 */
record TimeWindow(Instant from, Instant to, String description) {

  static final String DEFAULT_SINCE = "30d";

  /** Spans of clocks slightly ahead of this one still count as "now". */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

  /**
   * @throws CliException ({@link ExitCodes#BAD_WINDOW}) for an unparsable, reversed, future or
   *     over-long window, or {@code --since} given with {@code --from}/{@code --to}
   */
  static TimeWindow parse(
      @Nullable String since, @Nullable String from, @Nullable String to, Clock clock) {
    Instant now = clock.instant();
    if (since != null && (from != null || to != null)) {
      throw bad("use either --since or --from/--to, not both");
    }
    if (from == null && to == null) {
      String text = since == null ? DEFAULT_SINCE : since.strip();
      Duration window = Durations.parseWindow(text);
      return new TimeWindow(now.minus(window), now.plus(CLOCK_SLACK), "the last " + text);
    }
    Instant start = from == null ? null : instant("--from", from, false);
    Instant end = to == null ? now.plus(CLOCK_SLACK) : instant("--to", to, true);
    if (start == null) {
      start = end.minus(Duration.ofDays(30));
    }
    if (!start.isBefore(end)) {
      throw bad("invalid window: --from " + start + " is not before --to " + end);
    }
    if (start.isAfter(now.plus(CLOCK_SLACK))) {
      throw bad("invalid window: --from " + start + " is in the future");
    }
    if (Duration.between(start, end).compareTo(Durations.MAX_WINDOW) > 0) {
      throw bad("invalid window: " + start + " .. " + end + " is longer than 365d");
    }
    return new TimeWindow(start, end, start + " .. " + end);
  }

  private static Instant instant(String option, String text, boolean endOfDay) {
    String value = text.strip();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw bad(
            "invalid "
                + option
                + " '"
                + WaterfallRenderer.oneLine(value)
                + "': use an ISO-8601 UTC time such as 2026-11-29T10:00:00Z, or a date such as 2026-11-29");
      }
    }
  }

  private static CliException bad(String message) {
    return new CliException(ExitCodes.BAD_WINDOW, message);
  }
}
