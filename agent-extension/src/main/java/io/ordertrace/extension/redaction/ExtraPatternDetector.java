/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/** A pattern from {@code ordertrace.redaction.extra-patterns}; it cannot be pre-filtered. */
final class ExtraPatternDetector extends RegexDetector {

  ExtraPatternDetector(String name, Pattern pattern) {
    super("extra:" + name, pattern, Markers.of(name)); // applies to every value
  }
}
