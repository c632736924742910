/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values of sensitive keys written inline: {@code password=...} (query strings, logs), {@code
 * token: ...} (headers, YAML) and {@code "secret": "..."} (JSON). The key stays so the reader knows
 * what was there; the value is cut at {@code & ; , " ' } ) ]} or whitespace, or at the closing
 * quote of a quoted value.
 *
 * <p>Hand-written rather than a regular expression: keys are matched normalized with the same rules
 * as attribute keys, which a regex alternation could not express.
 */
final class KeyValueSecretDetector extends Detector {

  private static final int MAX_KEY_LENGTH = 64;
  private static final int MAX_CACHED_KEYS = 10_000;

  /** Cache value for "not sensitive" (the map cannot hold null). */
  private static final String NOT_SENSITIVE = "";

  /** The OAuth 2.0 authorization code parameter; only its value's shape tells it apart. */
  private static final String OAUTH_CODE = "code";

  private final SensitiveKeyMatcher matcher;
  private final Map<String, String> markers = new ConcurrentHashMap<>();

  KeyValueSecretDetector(SensitiveKeyMatcher matcher) {
    super("key-value");
    this.matcher = matcher;
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.has(features, TextFeatures.SEPARATOR);
  }

  @Override
  String redact(String text) {
    StringBuilder out = null;
    int copied = 0;
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c != '=' && c != ':') {
        i++;
        continue;
      }
      if (c == ':' && text.startsWith("//", i + 1)) {
        i += 3; // "https://": a URL scheme, not a key
        continue;
      }
      int keyEnd = i;
      while (keyEnd > copied && text.charAt(keyEnd - 1) == ' ') {
        keyEnd--;
      }
      if (keyEnd > copied && isQuote(text.charAt(keyEnd - 1))) {
        keyEnd--;
      }
      int keyStart = keyEnd;
      while (keyStart > copied && isKeyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == keyEnd || keyEnd - keyStart > MAX_KEY_LENGTH) {
        i++;
        continue;
      }
      String key = text.substring(keyStart, keyEnd);
      String marker = markerFor(key);
      boolean authCode = marker == null && key.equalsIgnoreCase(OAUTH_CODE);
      if (authCode) {
        marker = Markers.SECRET;
      }
      if (marker == null) {
        i++;
        continue;
      }
      int valueStart = i + 1;
      while (valueStart < length && isBlank(text.charAt(valueStart))) {
        valueStart++;
      }
      if (valueStart >= length) {
        break;
      }
      int valueEnd;
      char first = text.charAt(valueStart);
      if (isQuote(first)) {
        valueStart++;
        valueEnd = closingQuote(text, valueStart, first);
      } else if (isCookie(text, keyStart, keyEnd)) {
        valueEnd = lineEnd(text, valueStart); // a cookie header holds many "; "-separated pairs
      } else {
        valueEnd = tokenEnd(text, valueStart);
        if (isAuthScheme(text, valueStart, valueEnd)) {
          // "Authorization: Bearer abc": keep the scheme, hide what follows it;
          // a lone scheme word ("token_type=bearer") hides nothing.
          int next = valueEnd;
          while (next < length && isBlank(text.charAt(next))) {
            next++;
          }
          boolean credentialFollows = next > valueEnd && next < length;
          valueStart = credentialFollows ? next : valueEnd;
          valueEnd = credentialFollows ? tokenEnd(text, next) : valueEnd;
        }
      }
      if (valueEnd <= valueStart
          || text.startsWith(Markers.PREFIX, valueStart)
          || isPlaceholder(text, valueStart, valueEnd)
          || isFlag(text, valueStart, valueEnd)
          || (authCode && !looksLikeAuthCode(text, valueStart, valueEnd))) {
        i = Math.max(i + 1, valueEnd);
        continue;
      }
      if (out == null) {
        out = new StringBuilder(length + 16);
      }
      out.append(text, copied, valueStart).append(marker);
      copied = valueEnd;
      i = valueEnd;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, length).toString();
  }

  private String markerFor(String key) {
    String marker = markers.get(key);
    if (marker == null) {
      String found = matcher.markerForTextKey(key);
      marker = found != null ? found : NOT_SENSITIVE;
      if (markers.size() < MAX_CACHED_KEYS) {
        markers.put(key, marker);
      }
    }
    return marker.isEmpty() ? null : marker;
  }

  /**
   * SQL bind parameters ({@code ?}, {@code $1}, {@code :name}), format holes ({@code %s}, <code>{}
   * </code>, <code>{0}</code>) and already masked values ({@code ****}) are not secrets. Kept
   * narrow: a real secret must never pass for a placeholder.
   */
  static boolean isPlaceholder(String text, int start, int end) {
    char first = text.charAt(start);
    int length = end - start;
    if (length == 1 && (first == '?' || first == '{')) {
      return true; // "{" because '}' ends the value
    }
    if (first == '%') {
      return length == 2 && (text.charAt(start + 1) == 's' || text.charAt(start + 1) == 'd');
    }
    if (first == '$' || first == '{') {
      return length > 1 && allOf(text, start + 1, end, '0', '9');
    }
    if (first == ':') {
      return length > 1 && isIdentifier(text, start + 1, end);
    }
    return allOf(text, start, end, '*', '*');
  }

  /** {@code email_verified=true}: a yes/no hides nothing. */
  static boolean isFlag(String text, int start, int end) {
    int length = end - start;
    return (length == 4
            && (text.regionMatches(true, start, "true", 0, 4)
                || text.regionMatches(true, start, "null", 0, 4)))
        || (length == 5 && text.regionMatches(true, start, "false", 0, 5));
  }

  /**
   * OAuth's {@code code=} (a one-time authorization code in a redirect) versus the many {@code
   * code=} that are error or product codes: an authorization code is long and mixes lower case with
   * upper case or digits ({@code SplxlOBeZQQYbYS6WxSbIA}); {@code ERR_PAYMENT_DECLINED} and {@code
   * 404} are not.
   */
  static boolean looksLikeAuthCode(String text, int start, int end) {
    if (end - start < 16) {
      return false;
    }
    boolean lower = false;
    boolean upperOrDigit = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upperOrDigit |= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return lower && upperOrDigit;
  }

  private static boolean isIdentifier(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean allOf(String text, int start, int end, char low, char high) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < low || c > high) {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static int tokenEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '&'
          || c == ';'
          || c == ','
          || c == '"'
          || c == '\''
          || c == '}'
          || c == ')'
          || c == ']'
          || c == '?'
          || c == '#'
          || Character.isWhitespace(c)) {
        break;
      }
      i++;
    }
    return i;
  }

  private static int lineEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '"' || c == '\'') {
        break;
      }
      i++;
    }
    return i;
  }

  private static int closingQuote(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2; // JSON escape, e.g. \"
        continue;
      }
      if (c == quote) {
        return i;
      }
      i++;
    }
    return text.length();
  }

  private static boolean isCookie(String text, int keyStart, int keyEnd) {
    return keyEnd - keyStart >= 6 && text.regionMatches(true, keyEnd - 6, "cookie", 0, 6);
  }

  private static boolean isAuthScheme(String text, int start, int end) {
    int length = end - start;
    return (length == 6 && text.regionMatches(true, start, "bearer", 0, 6))
        || (length == 5 && text.regionMatches(true, start, "basic", 0, 5))
        || (length == 6 && text.regionMatches(true, start, "digest", 0, 6));
  }
}
