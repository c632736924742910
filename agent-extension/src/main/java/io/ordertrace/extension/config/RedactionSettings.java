/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.annotation.Nullable;

/**
 * What to redact, parsed once at startup so the export path never parses configuration. A bad entry
 * is reported through {@link ConfigErrors} and skipped; the rest of the setting still applies,
 * because a typo in one pattern must not switch redaction off.
 *
 * <ul>
 *   <li>{@value #EXTRA_PATTERNS}: {@code name=regex} entries separated by {@code ;} (split at the
 *       first {@code =}; name {@code [a-z0-9_-]+}). Matches become {@code [REDACTED:name]}. Write a
 *       literal {@code ;} inside a regex as {@code \;}, which Java regex also reads as {@code ;}.
 *   <li>{@value #SENSITIVE_KEYS}: comma-separated key names whose values are always removed, as
 *       attribute keys and as keys in {@code key=value} text. A value REPLACES the default list; a
 *       leading {@code +} ({@code +iban,inn}) adds to it instead.
 *   <li>{@value #ALLOWED_KEYS}: comma-separated attribute keys never altered, exact or with {@code
 *       *} wildcards ({@code app.debug.*}). {@link #ALWAYS_ALLOWED_KEYS} are allowed whatever the
 *       configuration.
 * </ul>
 */
public final class RedactionSettings {

  public static final String EXTRA_PATTERNS = "ordertrace.redaction.extra-patterns";
  public static final String SENSITIVE_KEYS = "ordertrace.redaction.sensitive-keys";
  public static final String ALLOWED_KEYS = "ordertrace.redaction.allowed-keys";

  /** Used when {@value #SENSITIVE_KEYS} is not set, and extended by a {@code +} value. */
  public static final List<String> DEFAULT_SENSITIVE_KEYS =
      Collections.unmodifiableList(
          Arrays.asList(
              "password",
              "passwd",
              "pwd",
              "secret",
              "client_secret",
              "token",
              "access_token",
              "refresh_token",
              "id_token",
              "api_key",
              "apikey",
              "api-key",
              "x-api-key",
              "authorization",
              "cookie",
              "set-cookie",
              "session",
              "sessionid",
              "jsessionid",
              "email",
              "e-mail",
              "phone",
              "mobile",
              "card",
              "card_number",
              "cardnumber",
              "pan",
              "cvv",
              "cvc",
              "passport",
              "snils",
              "pass",
              "passphrase",
              "credential",
              "sid",
              "sessid",
              "private_key",
              "iban",
              "inn"));

  /** The ids the whole product is built on: they must reach the backend untouched. */
  public static final Set<String> ALWAYS_ALLOWED_KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              Arrays.asList(
                  "order.id",
                  "user.id",
                  "caller.service.name",
                  "order.stage",
                  "trace_id",
                  "span_id",
                  "trace.id",
                  "span.id",
                  "trace_flags")));

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");

  /** A ';' not escaped as "\;". */
  private static final Pattern ENTRY_SEPARATOR = Pattern.compile("(?<!\\\\);");

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern ALLOWED_KEY = Pattern.compile("[A-Za-z0-9_.*/:-]+");

  private static final RedactionSettings DEFAULTS =
      new RedactionSettings(
          Collections.<String, Pattern>emptyMap(),
          new LinkedHashSet<>(DEFAULT_SENSITIVE_KEYS),
          Collections.<String>emptyList());

  private final Map<String, Pattern> extraPatterns;
  private final Set<String> sensitiveKeys;
  private final List<String> allowedKeys;
  private final Set<String> allowedExact;
  private final List<Pattern> allowedWildcards;

  private RedactionSettings(
      Map<String, Pattern> extraPatterns, Set<String> sensitiveKeys, List<String> allowedKeys) {
    this.extraPatterns = Collections.unmodifiableMap(new LinkedHashMap<>(extraPatterns));
    this.sensitiveKeys = Collections.unmodifiableSet(new LinkedHashSet<>(sensitiveKeys));
    this.allowedKeys = Collections.unmodifiableList(new ArrayList<>(allowedKeys));
    Set<String> exact = new LinkedHashSet<>(ALWAYS_ALLOWED_KEYS);
    List<Pattern> wildcards = new ArrayList<>();
    for (String key : allowedKeys) {
      if (key.indexOf('*') >= 0) {
        wildcards.add(wildcard(key));
      } else {
        exact.add(key);
      }
    }
    this.allowedExact = Collections.unmodifiableSet(exact);
    this.allowedWildcards = Collections.unmodifiableList(wildcards);
  }

  /** The built-in behaviour: default sensitive keys, no extra patterns, no extra allowed keys. */
  public static RedactionSettings defaults() {
    return DEFAULTS;
  }

  public static RedactionSettings parse(PropertySource properties, ConfigErrors errors) {
    return new RedactionSettings(
        parseExtraPatterns(properties.get(EXTRA_PATTERNS), errors),
        parseSensitiveKeys(properties.get(SENSITIVE_KEYS), errors),
        parseAllowedKeys(properties.get(ALLOWED_KEYS), errors));
  }

  /** Extra patterns by name, in configuration order. */
  public Map<String, Pattern> extraPatterns() {
    return extraPatterns;
  }

  /** Sensitive key names as configured, lower case. */
  public Set<String> sensitiveKeys() {
    return sensitiveKeys;
  }

  /** Allowed keys as configured, without the {@link #ALWAYS_ALLOWED_KEYS}. */
  public List<String> allowedKeys() {
    return allowedKeys;
  }

  /** Whether an attribute with this key is passed through unaltered. */
  public boolean isAllowedKey(String key) {
    if (allowedExact.contains(key)) {
      return true;
    }
    for (Pattern wildcard : allowedWildcards) {
      if (wildcard.matcher(key).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RedactionSettings{extraPatterns="
        + extraPatterns.keySet()
        + ", sensitiveKeys="
        + sensitiveKeys
        + ", allowedKeys="
        + allowedKeys
        + "}";
  }

  private static Map<String, Pattern> parseExtraPatterns(
      @Nullable String value, ConfigErrors errors) {
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    if (isBlank(value)) {
      return patterns;
    }
    for (String rawEntry : ENTRY_SEPARATOR.split(value, -1)) {
      String entry = rawEntry.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        errors.invalid(EXTRA_PATTERNS, entry, "expected name=regex, e.g. inn=\\b\\d{12}\\b");
        continue;
      }
      String name = entry.substring(0, equals).trim();
      String regex = entry.substring(equals + 1).trim();
      if (!NAME.matcher(name).matches()) {
        errors.invalid(EXTRA_PATTERNS, entry, "the name '" + name + "' must match [a-z0-9_-]+");
        continue;
      }
      if (patterns.containsKey(name)) {
        errors.invalid(EXTRA_PATTERNS, entry, "the name '" + name + "' is used twice");
        continue;
      }
      if (regex.isEmpty()) {
        errors.invalid(EXTRA_PATTERNS, entry, "the regex is empty");
        continue;
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        errors.invalid(EXTRA_PATTERNS, entry, "not a valid Java regex: " + e.getDescription());
        continue;
      }
      if (pattern.matcher("").matches()) {
        errors.invalid(EXTRA_PATTERNS, entry, "the regex matches the empty string");
        continue;
      }
      patterns.put(name, pattern);
    }
    return patterns;
  }

  private static Set<String> parseSensitiveKeys(@Nullable String value, ConfigErrors errors) {
    Set<String> keys = new LinkedHashSet<>();
    if (isBlank(value)) {
      keys.addAll(DEFAULT_SENSITIVE_KEYS);
      return keys;
    }
    String list = value.trim();
    if (list.startsWith("+")) {
      keys.addAll(DEFAULT_SENSITIVE_KEYS);
      list = list.substring(1);
    }
    for (String rawKey : list.split(",", -1)) {
      String key = rawKey.trim().toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        continue;
      }
      if (!KEY.matcher(key).matches()) {
        errors.invalid(SENSITIVE_KEYS, rawKey.trim(), "a key name may hold only [A-Za-z0-9_.-]");
        continue;
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      errors.invalid(
          SENSITIVE_KEYS,
          value,
          "no usable key name left, so no attribute would be redacted by its key; refused,"
              + " using the default list");
      keys.addAll(DEFAULT_SENSITIVE_KEYS);
    }
    return keys;
  }

  private static List<String> parseAllowedKeys(@Nullable String value, ConfigErrors errors) {
    List<String> keys = new ArrayList<>();
    if (isBlank(value)) {
      return keys;
    }
    for (String rawKey : value.split(",", -1)) {
      String key = rawKey.trim();
      if (key.isEmpty()) {
        continue;
      }
      if (!ALLOWED_KEY.matcher(key).matches()) {
        errors.invalid(
            ALLOWED_KEYS, key, "an attribute key may hold only [A-Za-z0-9_.:/-] and * wildcards");
        continue;
      }
      if (matchesEverything(key)) {
        errors.invalid(
            ALLOWED_KEYS,
            key,
            "allows every attribute key, which would switch redaction off; refused (name the"
                + " keys, e.g. app.public.*)");
        continue;
      }
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** {@code *}, {@code **}, {@code *.*}: no literal part that could narrow the match. */
  private static boolean matchesEverything(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c != '*' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static Pattern wildcard(String glob) {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
      if (star > from) {
        regex.append(Pattern.quote(glob.substring(from, star)));
      }
      regex.append(".*");
      from = star + 1;
    }
    if (from < glob.length()) {
      regex.append(Pattern.quote(glob.substring(from)));
    }
    return Pattern.compile(regex.toString());
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty();
  }
}
