package io.ordertrace.extension.redaction;

/**
 * One cheap pass over a value that tells which detectors can possibly match, so most values never
 * reach a regular expression. The result is packed in an {@code int} to keep the pass
 * allocation-free: flags in the low byte, the number of ASCII digits above it.
 */
final class TextFeatures {

  /** {@code '@'} or URL-encoded {@code "%40"}: e-mail candidates. */
  static final int AT = 1;
  /** {@code '='} or {@code ':'}: {@code key=value} / {@code key: value} candidates. */
  static final int SEPARATOR = 1 << 1;
  /** {@code "eyJ"}: the base64url of <code>{"</code>, how every JWT starts. */
  static final int JWT = 1 << 2;
  /** {@code "earer"} / {@code "asic"}, any case: Bearer and Basic credentials. */
  static final int AUTH_SCHEME = 1 << 3;
  /** A well-known API key prefix such as {@code AKIA}, {@code sk_}, {@code ghp_}, {@code xox}. */
  static final int API_KEY = 1 << 4;

  private static final int DIGIT_SHIFT = 8;
  private static final int MAX_DIGITS = (1 << 23) - 1;

  static int scan(String text) {
    int flags = 0;
    int digits = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        continue;
      }
      switch (c) {
        case '@':
          flags |= AT;
          break;
        case '%':
          if (text.startsWith("40", i + 1)) {
            flags |= AT;
          }
          break;
        case '=':
        case ':':
          flags |= SEPARATOR;
          break;
        case 'e':
          if (text.startsWith("yJ", i + 1)) {
            flags |= JWT;
          } else if (text.regionMatches(true, i + 1, "arer", 0, 4)) {
            flags |= AUTH_SCHEME;
          }
          break;
        case 'E':
          if (text.regionMatches(true, i + 1, "arer", 0, 4)) {
            flags |= AUTH_SCHEME;
          }
          break;
        case 'a':
          if (text.regionMatches(true, i + 1, "sic", 0, 3)) {
            flags |= AUTH_SCHEME;
          }
          break;
        case 'A':
          if (text.regionMatches(true, i + 1, "sic", 0, 3)) {
            flags |= AUTH_SCHEME;
          } else if (text.startsWith("KIA", i + 1)
              || text.startsWith("SIA", i + 1)
              || text.startsWith("Iza", i + 1)) {
            flags |= API_KEY;
          }
          break;
        case 's':
        case 'r':
          if (text.startsWith("k_", i + 1)) {
            flags |= API_KEY;
          }
          break;
        case 'g':
          if (text.startsWith("lpat-", i + 1)
              || text.startsWith("ithub_pat_", i + 1)
              || isGithubToken(text, i + 1)) {
            flags |= API_KEY;
          }
          break;
        case 'x':
          if (text.startsWith("ox", i + 1)) {
            flags |= API_KEY;
          }
          break;
        default:
          break;
      }
    }
    return flags | (Math.min(digits, MAX_DIGITS) << DIGIT_SHIFT);
  }

  /** {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} after the 'g'. */
  private static boolean isGithubToken(String text, int i) {
    return i + 2 < text.length()
        && text.charAt(i) == 'h'
        && "pousr".indexOf(text.charAt(i + 1)) >= 0
        && text.charAt(i + 2) == '_';
  }

  static boolean has(int features, int flag) {
    return (features & flag) != 0;
  }

  static int digits(int features) {
    return features >>> DIGIT_SHIFT;
  }

  private TextFeatures() {}
}
