package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/** E-mail addresses, also URL-encoded ({@code ivan%40mail.ru}) as they appear in query strings. */
final class EmailDetector extends RegexDetector {

  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  // A dotted domain with an alphabetic TLD: "user@localhost" and "user@10.0.0.1" are not mail.
  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}(?:@|%40)"
              + LABEL
              + "(?:\\."
              + LABEL
              + ")*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])");

  EmailDetector() {
    super("email", PATTERN, Markers.EMAIL);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.has(features, TextFeatures.AT);
  }
}
