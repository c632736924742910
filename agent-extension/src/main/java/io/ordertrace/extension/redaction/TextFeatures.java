/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/**
 * One cheap pass over a value that tells which detectors can possibly match, so most values never
 * reach a regular expression. The result is packed in an {@code int} to keep the pass
 * allocation-free: flags in the low byte and bits 28-29, the longest digit run in bits 8-15, the
 * number of ASCII digits (capped at 4095) in bits 16-27.
 *
 * <p>A digit run is digits joined by at most two of {@code ' ', '-', '(', ')'}, the way phones,
 * cards and documents are grouped: {@code +7 (912) 345-67-89} is one run of 11. Versions, IPs,
 * prices and user agents break into short runs, which is what keeps them away from the regexes.
 */
final class TextFeatures {

  /** {@code '@'} or URL-encoded {@code "%40"}: e-mail candidates. */
  static final int AT = 1;

  /** {@code '='} or {@code ':'}: {@code key=value} / {@code key: value} candidates. */
  static final int SEPARATOR = 1 << 1;

  /** {@code "eyJ"}: the base64url of <code>{"</code>, how every JWT starts. */
  static final int JWT = 1 << 2;

  /** {@code "bearer"} / {@code "basic"}, any case: Bearer and Basic credentials. */
  static final int AUTH_SCHEME = 1 << 3;

  /** A well-known API key prefix such as {@code AKIA}, {@code sk_}, {@code ghp_}, {@code xox}. */
  static final int API_KEY = 1 << 4;

  /** A document keyword: паспорт, passport, серия, series, СНИЛС, snils (any case). */
  static final int DOCUMENT_KEYWORD = 1 << 5;

  /** A financial keyword: ИНН, inn, tax, IBAN, счёт, р/с, к/с, account, acct (any case). */
  static final int FINANCE_KEYWORD = 1 << 6;

  /**
   * Something only a credential looks like: {@code ://user:pass@}, {@code -----BEGIN}, a DER body
   * {@code MII...}, {@code jdbc:}.
   */
  static final int CREDENTIAL_SHAPE = 1 << 7;

  /** 13 or more digits grouped by single dots ({@code 4111.1111.1111.1111}); not in the run. */
  static final int DOTTED_DIGITS = 1 << 28;

  /** Latin-1 decoded UTF-8 ({@code Ð¿Ð°Ñ...}): the text may hide Cyrillic keywords. */
  static final int MOJIBAKE = 1 << 29;

  /**
   * URL-encoded text: a percent escape other than {@code %40} ({@code %20}, {@code %2B}), or a
   * {@code +} between two digits ({@code 4111+1111+...} in a query string).
   */
  static final int PERCENT_ENCODED = 1 << 30;

  /** Two ASCII capitals right before a digit run ({@code DE89...}): an IBAN can start here. */
  static final int IBAN_SHAPE = 1 << 31;

  private static final int RUN_SHIFT = 8;
  private static final int MAX_RUN = 0xFF;
  private static final int DIGIT_SHIFT = 16;
  private static final int MAX_DIGITS = 0xFFF;

  /** Separator characters allowed between two digits of one run, and how many in a row. */
  private static final int MAX_GAP = 2;

  // ASCII characters that may start something the switch below looks at; everything else takes
  // the fast path. Never written after class initialization.
  private static final boolean[] INTERESTING = new boolean[128];

  static {
    for (char c : "@%=:+ebBAsrSgxpPiItTaMjy".toCharArray()) {
      INTERESTING[c] = true;
    }
  }

  static int scan(String text) {
    int flags = 0;
    int digits = 0;
    int run = 0;
    int maxRun = 0;
    int gap = 0;
    int dotted = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (run == 0 && i >= 2 && isUpper(text.charAt(i - 1)) && isUpper(text.charAt(i - 2))) {
          flags |= IBAN_SHAPE;
        }
        digits++;
        run++;
        dotted++;
        gap = 0;
        if (run > maxRun) {
          maxRun = run;
        }
        if (dotted >= 13) {
          flags |= DOTTED_DIGITS;
        }
        continue;
      }
      if (c == ' ' || c == '-' || c == '(' || c == ')' || isWideSpace(c)) {
        if (++gap > MAX_GAP) {
          run = 0;
          dotted = 0;
        }
        continue;
      }
      if (c == '.' && gap == 0 && run > 0 && i + 1 < length && isDigit(text.charAt(i + 1))) {
        run = 0; // a dot ends the run, but not a dotted group
        continue;
      }
      run = 0;
      gap = 0;
      dotted = 0;
      if (c < 128 ? !INTERESTING[c] : !isNonAsciiOfInterest(c)) {
        continue;
      }
      switch (c) {
        case '@':
          flags |= AT;
          break;
        case '%':
          if (text.startsWith("40", i + 1)) {
            flags |= AT;
          } else if (i + 2 < length
              && Character.digit(text.charAt(i + 1), 16) >= 0
              && Character.digit(text.charAt(i + 2), 16) >= 0) {
            flags |= PERCENT_ENCODED;
          }
          break;
        case '=':
          flags |= SEPARATOR;
          break;
        case '+':
          if (i > 0
              && isDigit(text.charAt(i - 1))
              && i + 1 < length
              && isDigit(text.charAt(i + 1))) {
            flags |= PERCENT_ENCODED;
          }
          break;
        case ':':
          flags |= SEPARATOR;
          if (text.startsWith("//", i + 1) && text.indexOf('@', i) > 0) {
            flags |= CREDENTIAL_SHAPE; // scheme://user:pass@host
          } else if (text.startsWith("AA", i + 1)) {
            flags |= API_KEY; // Telegram bot token: <bot id>:AA...
          }
          break;
        case 'j':
          if (text.startsWith("dbc:", i + 1)) {
            flags |= CREDENTIAL_SHAPE;
          }
          break;
        case 'M':
          if (text.startsWith("II", i + 1)) {
            flags |= CREDENTIAL_SHAPE;
          }
          break;
        case 'y':
          if (text.startsWith("0_", i + 1)) {
            flags |= API_KEY; // Yandex OAuth token
          }
          break;
        case 'i':
        case 'I':
          if (text.regionMatches(true, i + 1, "nn", 0, 2)
              || text.regionMatches(true, i + 1, "ban", 0, 3)) {
            flags |= FINANCE_KEYWORD;
          }
          break;
        case 't':
        case 'T':
          if (text.regionMatches(true, i + 1, "ax", 0, 2)) {
            flags |= FINANCE_KEYWORD;
          }
          break;
        case 'a':
          if (text.startsWith("cc", i + 1)) {
            flags |= FINANCE_KEYWORD; // account, acct
          }
          break;
        case 'и':
        case 'И':
          if (text.regionMatches(true, i + 1, "нн", 0, 2)) {
            flags |= FINANCE_KEYWORD;
          }
          break;
        case 'р':
        case 'Р':
        case 'к':
        case 'К':
          if (text.startsWith("/с", i + 1) || text.startsWith("/С", i + 1)) {
            flags |= FINANCE_KEYWORD;
          }
          break;
        case '\u00D0':
        case '\u00D1':
          if (i + 1 < length && text.charAt(i + 1) >= '\u0080' && text.charAt(i + 1) <= '\u00BF') {
            flags |= MOJIBAKE;
          }
          break;
        case 'e':
          if (text.startsWith("yJ", i + 1)) {
            flags |= JWT;
          }
          break;
        case 'b':
        case 'B':
          if (text.startsWith("EGIN ", i + 1)) {
            flags |= CREDENTIAL_SHAPE; // -----BEGIN ... PRIVATE KEY-----
          }
          if (text.regionMatches(true, i + 1, "earer", 0, 5)
              || text.regionMatches(true, i + 1, "asic", 0, 4)) {
            flags |= AUTH_SCHEME;
          }
          break;
        case 'A':
          if (text.startsWith("CC", i + 1) || text.startsWith("cc", i + 1)) {
            flags |= FINANCE_KEYWORD;
          }
          if (text.startsWith("KIA", i + 1)
              || text.startsWith("SIA", i + 1)
              || text.startsWith("Iza", i + 1)) {
            flags |= API_KEY;
          }
          break;
        case 's':
          if (text.startsWith("k_", i + 1)) {
            flags |= API_KEY;
          } else if (isDocumentKeyword(text, i, "eries", "nils")) {
            flags |= DOCUMENT_KEYWORD;
          }
          break;
        case 'r':
          if (text.startsWith("k_", i + 1)) {
            flags |= API_KEY;
          }
          break;
        case 'S':
          if (isDocumentKeyword(text, i, "eries", "nils")) {
            flags |= DOCUMENT_KEYWORD;
          }
          break;
        case 'p':
        case 'P':
          if (isDocumentKeyword(text, i, "assport", "assport")) {
            flags |= DOCUMENT_KEYWORD;
          }
          break;
        case 'п':
        case 'П':
          if (isDocumentKeyword(text, i, "аспорт", "аспорт")) {
            flags |= DOCUMENT_KEYWORD;
          }
          break;
        case 'с':
        case 'С':
          if (isDocumentKeyword(text, i, "ери", "нилс")) {
            flags |= DOCUMENT_KEYWORD;
          } else if (text.regionMatches(true, i + 1, "ч", 0, 1)) {
            flags |= FINANCE_KEYWORD; // счёт, счет
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
    return flags
        | (Math.min(maxRun, MAX_RUN) << RUN_SHIFT)
        | (Math.min(digits, MAX_DIGITS) << DIGIT_SHIFT);
  }

  private static boolean isNonAsciiOfInterest(char c) {
    switch (c) {
      case 'п':
      case 'П':
      case 'с':
      case 'С':
      case 'и':
      case 'И':
      case 'р':
      case 'Р':
      case 'к':
      case 'К':
      case '\u00D0':
      case '\u00D1':
        return true;
      default:
        return false;
    }
  }

  /** No-break spaces people and word processors put between digit groups. */
  static boolean isWideSpace(char c) {
    return c == '\u00A0' || c == '\u2007' || c == '\u202F';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDocumentKeyword(String text, int i, String rest, String otherRest) {
    if (i + 1 >= text.length()) {
      return false;
    }
    // cheap first-letter test before the case-insensitive comparisons
    char next = Character.toLowerCase(text.charAt(i + 1));
    if (next != rest.charAt(0) && next != otherRest.charAt(0)) {
      return false;
    }
    return text.regionMatches(true, i + 1, rest, 0, rest.length())
        || text.regionMatches(true, i + 1, otherRest, 0, otherRest.length());
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
    return (features >>> DIGIT_SHIFT) & MAX_DIGITS;
  }

  /** The longest run of grouped digits, capped at 255. */
  static int longestDigitRun(int features) {
    return (features >>> RUN_SHIFT) & MAX_RUN;
  }

  private TextFeatures() {}
}
