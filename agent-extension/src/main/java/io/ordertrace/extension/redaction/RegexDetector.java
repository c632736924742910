/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector driven by one precompiled pattern. Subclasses may veto a match (checksums, brand
 * prefixes) or narrow the replaced region (keep a keyword, keep {@code Bearer}).
 */
abstract class RegexDetector extends Detector {

  /** Returned by {@link #accept} to keep the match as it is. */
  static final long REJECT = -1L;

  /**
   * ASCII letters, digits and '_' continue a token (hex ids, UUIDs, versions): never match inside
   * one. A URL-encoded '+' ({@code %2B}) is the exception, it precedes phone numbers in queries.
   */
  static final String START = "(?:(?<=%2[Bb])|(?<![A-Za-z0-9_])(?<![A-Za-z0-9_][.-]))";

  static final String END = "(?![A-Za-z0-9_])(?![.-][A-Za-z0-9_])";

  private final Pattern pattern;
  private final String marker;
  private final int requiredFeatures;
  // Matchers are not thread-safe; one per thread avoids allocating one per value.
  private final ThreadLocal<Matcher> matchers;

  /** A detector that {@link #appliesTo} values of any features, or overrides it. */
  RegexDetector(String name, Pattern pattern, String marker) {
    this(name, pattern, marker, 0);
  }

  /**
   * A detector that applies to the values having all of {@code requiredFeatures} (a {@link
   * TextFeatures} mask); 0 for every value.
   */
  RegexDetector(String name, Pattern pattern, String marker, int requiredFeatures) {
    super(name);
    this.pattern = pattern;
    this.marker = marker;
    this.requiredFeatures = requiredFeatures;
    this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
  }

  @Override
  boolean appliesTo(int features) {
    return (features & requiredFeatures) == requiredFeatures;
  }

  /** Region to replace, packed by {@link #region}, or {@link #REJECT}. Default: the whole match. */
  long accept(Matcher match, String text) {
    return region(match.start(), match.end());
  }

  /** The marker for this match; detectors with more than one class override it. */
  String markerFor(Matcher match) {
    return marker;
  }

  static long region(int start, int end) {
    return ((long) start << 32) | end;
  }

  @Override
  final String redact(String text) {
    Matcher match = matchers.get();
    match.reset(text);
    try {
      StringBuilder out = null;
      int copied = 0;
      while (match.find()) {
        if (match.end() == match.start()) {
          continue; // an empty match has nothing to hide
        }
        long region = accept(match, text);
        if (region == REJECT) {
          continue;
        }
        int start = (int) (region >>> 32);
        int end = (int) region;
        if (start < copied) {
          continue; // overlaps what was already replaced
        }
        if (out == null) {
          out = new StringBuilder(text.length() + 16);
        }
        out.append(text, copied, start).append(markerFor(match));
        copied = end;
      }
      if (out == null) {
        return text;
      }
      return out.append(text, copied, text.length()).toString();
    } finally {
      match.reset(""); // do not keep the value reachable from the thread
    }
  }

  @Override
  public String toString() {
    return name() + "{" + pattern.pattern() + "}";
  }
}
