/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords written into connection strings: {@code postgres://app:S3cret@db:5432/orders}, {@code
 * amqp://guest:guest@rabbit}, {@code jdbc:mysql://root:pw@mysql/shop}, and Oracle's {@code
 * jdbc:oracle:thin:scott/tiger@host:1521:ORCL}. The user name and the host stay; the password goes.
 * Runs before the e-mail detector, which would otherwise take {@code pw@mysql.io} for an address
 * and leave the reader wondering.
 */
final class UrlCredentialsDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}://[^\\s/?#@:\"'<>]*:([^\\s/?#\"'<>]+)@"
              + "|jdbc:oracle:[a-z0-9]+:[^\\s/@:\"']+/([^\\s@\"']+)@");

  UrlCredentialsDetector() {
    super(
        "url-credentials",
        PATTERN,
        Markers.SECRET,
        TextFeatures.CREDENTIAL_SHAPE | TextFeatures.AT);
  }

  @Override
  long accept(Matcher match, String text) {
    int group = match.start(1) >= 0 ? 1 : 2;
    if (text.startsWith(Markers.PREFIX, match.start(group))) {
      return REJECT;
    }
    return region(match.start(group), match.end(group));
  }
}
