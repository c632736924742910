/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The awss3exporter's {@code s3_partition_format} (strftime), cut to the part that names a day:
 * {@code year=%Y/month=%m/day=%d/hour=%H} lists by {@code year=2026/month=11/day=29/}. Path
 * segments up to the first one with a finer directive ({@code %H}, {@code %M}, ...) are kept.
 */
final class PartitionFormat {

  private static final Pattern DIRECTIVE = Pattern.compile("%(.)");

  private final String dayPart;

  private PartitionFormat(String dayPart) {
    this.dayPart = dayPart;
  }

  /**
   * @throws CliException ({@link ExitCodes#USAGE}) if a directive is not strftime's
   */
  // split(String) drops trailing empty segments, which is wanted: a trailing '/' is optional
  @SuppressWarnings("StringSplitter")
  static PartitionFormat parse(String format) {
    List<String> kept = new ArrayList<>();
    boolean finer = false;
    for (String segment : format.split("/")) {
      Matcher matcher = DIRECTIVE.matcher(segment);
      boolean dayOnly = true;
      while (matcher.find()) {
        switch (matcher.group(1)) {
          case "Y", "m", "d", "y", "j", "F", "%", "b", "B", "e" -> {}
          case "H", "M", "S", "I", "p", "s", "T", "R", "k", "l", "z", "Z", "L", "f" ->
              dayOnly = false;
          default ->
              throw new CliException(
                  ExitCodes.USAGE,
                  "invalid --partition: %"
                      + matcher.group(1)
                      + " is not a strftime directive the archive reader knows");
        }
      }
      if (!dayOnly) {
        finer = true;
      }
      if (!finer) {
        kept.add(segment);
      }
    }
    return new PartitionFormat(kept.isEmpty() ? "" : String.join("/", kept) + "/");
  }

  /** The key prefix (after {@code s3_prefix/}) of the objects written on {@code day}. */
  String dayPrefix(LocalDate day) {
    Matcher matcher = DIRECTIVE.matcher(dayPart);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value =
          switch (matcher.group(1)) {
            case "Y" -> String.format(Locale.ROOT, "%04d", day.getYear());
            case "m" -> String.format(Locale.ROOT, "%02d", day.getMonthValue());
            case "d" -> String.format(Locale.ROOT, "%02d", day.getDayOfMonth());
            case "e" -> String.format(Locale.ROOT, "%2d", day.getDayOfMonth());
            case "y" -> String.format(Locale.ROOT, "%02d", day.getYear() % 100);
            case "j" -> String.format(Locale.ROOT, "%03d", day.getDayOfYear());
            case "F" -> day.toString();
            case "b" ->
                day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            case "B" ->
                day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            default -> "%";
          };
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Whether the format names days at all (else the whole prefix must be listed). */
  boolean hasDays() {
    return !dayPart.isEmpty();
  }
}
