/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/** JSON Web Tokens: three base64url parts, the first always starting with <code>eyJ</code>. */
final class JwtDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"
              + "(?![A-Za-z0-9_-])");

  JwtDetector() {
    super("jwt", PATTERN, Markers.JWT, TextFeatures.JWT);
  }
}
