/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Decides whether a key names sensitive data and which marker replaces its value. Only the last
 * dot-component counts ({@code http.request.header.authorization} -> {@code authorization}), and
 * keys and names are compared normalized: lower case, {@code '-'} and {@code '_'} removed.
 *
 * <p>Attribute keys: a name of five or more characters matches anywhere in the component ({@code
 * customer_email}, {@code telephone}). Shorter names ({@code pan}, {@code pwd}, {@code cvv}, {@code
 * card}) must cover whole words, or {@code span}, {@code company} and {@code discard} would be
 * redacted.
 *
 * <p>Keys found in free text are held to a stricter rule: the name may sit anywhere, but only words
 * that name the value itself may follow it ({@code aws_secret_access_key}, {@code secret_key},
 * {@code session_id}, {@code db_password}, {@code password_hash}): text is full of {@code
 * token_count=42}, {@code card_type=VISA} and {@code session_timeout=30m} that hide nothing.
 */
final class SensitiveKeyMatcher {

  private static final int MIN_SUBSTRING_LENGTH = 5;

  /** Words after a sensitive name in a text key that still name the secret value itself. */
  private static final java.util.Set<String> VALUE_WORDS =
      new java.util.HashSet<>(
          java.util.Arrays.asList(
              "key", "value", "access", "id", "hash", "str", "string", "text", "data", "b64",
              "base64", "raw", "plain", "enc", "encoded", "hex", "num", "no", "number"));

  /** Marker per normalized default name; every other name, user-added ones too, is a secret. */
  private static final Map<String, String> KEY_CLASSES = keyClasses();

  private static Map<String, String> keyClasses() {
    Map<String, String> classes = new LinkedHashMap<>();
    classes.put("email", Markers.EMAIL);
    for (String name : new String[] {"phone", "mobile"}) {
      classes.put(name, Markers.PHONE);
    }
    for (String name : new String[] {"card", "cardnumber", "pan", "cvv", "cvc"}) {
      classes.put(name, Markers.CARD);
    }
    classes.put("passport", Markers.PASSPORT);
    classes.put("snils", Markers.SNILS);
    classes.put("iban", Markers.IBAN);
    classes.put("inn", Markers.INN);
    for (String name :
        new String[] {"token", "accesstoken", "refreshtoken", "idtoken", "authorization"}) {
      classes.put(name, Markers.TOKEN);
    }
    return Collections.unmodifiableMap(classes);
  }

  private final String[] names;
  private final String[] markers;

  SensitiveKeyMatcher(Collection<String> sensitiveKeys) {
    List<String> normalizedNames = new ArrayList<>();
    List<String> nameMarkers = new ArrayList<>();
    for (String key : sensitiveKeys) {
      String normalized = normalize(key);
      if (normalized.isEmpty() || normalizedNames.contains(normalized)) {
        continue;
      }
      normalizedNames.add(normalized);
      String marker = KEY_CLASSES.get(normalized);
      nameMarkers.add(marker != null ? marker : Markers.SECRET);
    }
    this.names = normalizedNames.toArray(new String[0]);
    this.markers = nameMarkers.toArray(new String[0]);
  }

  /** The marker for a sensitive attribute key, or {@code null} when it is not sensitive. */
  @Nullable
  String markerForAttributeKey(String key) {
    return markerFor(key, false);
  }

  /** The marker for a sensitive key in {@code key=value} text, or {@code null}. */
  @Nullable
  String markerForTextKey(String key) {
    return markerFor(key, true);
  }

  @Nullable
  private String markerFor(String key, boolean suffixOnly) {
    int componentStart = key.lastIndexOf('.') + 1;
    int length = key.length() - componentStart;
    if (length <= 0 || names.length == 0) {
      return null;
    }
    char[] normalized = new char[length];
    // wordStart[i]: normalized[i] begins a word; wordStart[n] is the end of the last word.
    boolean[] wordStart = new boolean[length + 1];
    int n = 0;
    boolean boundary = true;
    char previous = 0;
    for (int i = componentStart; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '-' || c == '_' || c == ' ') {
        boundary = true;
        continue;
      }
      if (n > 0
          && ((Character.isUpperCase(c) && Character.isLowerCase(previous))
              || Character.isDigit(c) != Character.isDigit(previous))) {
        boundary = true; // camelCase and letter/digit changes start a new word
      }
      wordStart[n] = boundary;
      normalized[n++] = Character.toLowerCase(c);
      boundary = false;
      previous = c;
    }
    wordStart[n] = true;
    String component = new String(normalized, 0, n);
    String best = null;
    int bestLength = 0;
    for (int k = 0; k < names.length; k++) {
      String name = names[k];
      if (name.length() > bestLength && matches(component, wordStart, name, suffixOnly)) {
        best = markers[k];
        bestLength = name.length();
      }
    }
    return best;
  }

  private static boolean matches(
      String component, boolean[] wordStart, String name, boolean suffixOnly) {
    if (suffixOnly) {
      for (int at = component.indexOf(name); at >= 0; at = component.indexOf(name, at + 1)) {
        int end = at + name.length();
        boolean aligned =
            name.length() >= MIN_SUBSTRING_LENGTH
                ? wordStart[end]
                : wordStart[at] && wordStart[end];
        if (aligned && onlyValueWordsFrom(component, wordStart, end)) {
          return true;
        }
      }
      return false;
    }
    if (name.length() >= MIN_SUBSTRING_LENGTH) {
      return component.contains(name);
    }
    for (int at = component.indexOf(name); at >= 0; at = component.indexOf(name, at + 1)) {
      if (wordStart[at] && wordStart[at + name.length()]) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyValueWordsFrom(String component, boolean[] wordStart, int from) {
    int start = from;
    while (start < component.length()) {
      int end = start + 1;
      while (!wordStart[end]) {
        end++;
      }
      if (!VALUE_WORDS.contains(component.substring(start, end))) {
        return false;
      }
      start = end;
    }
    return true;
  }

  static String normalize(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '-' && c != '_' && !Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
