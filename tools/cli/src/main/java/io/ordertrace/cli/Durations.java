/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --since} windows ({@code 15m}, {@code 12h}, {@code 30d}) and formats durations. */
final class Durations {

  /** Longest accepted {@code --since}: past any retention the requirements ask for (P3). */
  static final Duration MAX_WINDOW = Duration.ofDays(365);

  private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,6})([smhdw])");

  private Durations() {}

  /**
   * Parses a window such as {@code 90s}, {@code 15m}, {@code 12h}, {@code 30d} or {@code 2w}.
   *
   * @throws CliException ({@link ExitCodes#BAD_WINDOW}) if the text is not such a window or longer
   *     than {@link #MAX_WINDOW}
   */
  static Duration parseWindow(String text) {
    Matcher matcher = WINDOW.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new CliException(
          ExitCodes.BAD_WINDOW,
          "invalid --since '"
              + text
              + "': use a number and a unit s, m, h, d or w, e.g. 15m, 12h, 30d");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration window =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> Duration.ofDays(7 * amount);
        };
    if (window.compareTo(MAX_WINDOW) > 0) {
      throw new CliException(ExitCodes.BAD_WINDOW, "invalid --since '" + text + "': at most 365d");
    }
    return window;
  }

  /**
   * A span or trace duration for people: {@code 0.42 ms}, {@code 12.3 ms}, {@code 450 ms}, {@code
   * 1.25 s}, {@code 2m05s}.
   */
  static String format(long nanos) {
    double millis = nanos / 1_000_000.0;
    if (millis < 1) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 100) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    long seconds = nanos / 1_000_000_000L;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  /** Milliseconds with three decimals, for {@code --json} output. */
  static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
