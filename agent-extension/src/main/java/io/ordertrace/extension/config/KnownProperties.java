/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every {@code ordertrace.*} property name. A key under {@code ordertrace.} that is not one of them
 * is reported once, with the nearest known name: {@code ordertrace.egde} would otherwise leave the
 * edge open without a word. Add new properties here.
 */
public final class KnownProperties {

  public static final List<String> NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              OrderTraceConfig.ORDER_ID_SOURCES,
              OrderTraceConfig.USER_ID_SOURCES,
              OrderTraceConfig.EDGE,
              OrderTraceConfig.INTERNAL_HOSTS,
              OrderTraceConfig.ID_MAX_LENGTH,
              OrderTraceConfig.DROP_PATHS,
              OrderTraceConfig.SAMPLER_RATIO,
              OrderTraceConfig.STAGE_RULES,
              RedactionSettings.SENSITIVE_KEYS,
              RedactionSettings.ALLOWED_KEYS,
              RedactionSettings.EXTRA_PATTERNS,
              OrderDataSettings.ROUTES,
              OrderDataSettings.HOLD_MAX_SPANS,
              OrderDataSettings.HOLD_MAX_BYTES,
              OrderDataSettings.HOLD_MAX_TRACES,
              OrderDataSettings.HOLD_TIMEOUT_MS));

  private static final String PREFIX = "ordertrace.";

  /** Reports each unknown {@code ordertrace.*} key among {@code keys} once. */
  static void reportUnknown(Iterable<String> keys, ConfigErrors errors) {
    Set<String> known = new LinkedHashSet<>();
    for (String name : NAMES) {
      known.add(normalize(name));
    }
    Set<String> reported = new LinkedHashSet<>();
    for (String key : keys) {
      String normalized = normalize(key);
      if (!normalized.startsWith(PREFIX)
          || known.contains(normalized)
          || !reported.add(normalized)) {
        continue;
      }
      errors.unknown(key, nearest(normalized));
    }
  }

  /** {@code ORDERTRACE_ORDER_ID_SOURCES}, {@code ordertrace.order-id.sources} -> one form. */
  static String normalize(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }

  static String nearest(String normalizedKey) {
    String best = NAMES.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String name : NAMES) {
      int distance = distance(normalizedKey, normalize(name));
      if (distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance, with a transposition counted as one edit (egde -> edge). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }

  /** {@link #reportUnknown} for callers outside this package (the declarative path). */
  public static void reportUnknownKeys(Iterable<String> keys, ConfigErrors errors) {
    reportUnknown(keys, errors);
  }

  private KnownProperties() {}
}
