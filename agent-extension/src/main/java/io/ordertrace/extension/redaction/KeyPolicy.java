/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.ordertrace.extension.config.RedactionSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-attribute-key decisions: allow-listed, sensitive, or scan the value. Attribute keys repeat
 * from span to span, so decisions are cached; the cache is bounded because keys may be built from
 * user input.
 */
final class KeyPolicy {

  static final int MAX_CACHED_KEYS = 10_000;

  private final RedactionSettings settings;
  private final SensitiveKeyMatcher matcher;
  private final Map<String, KeyDecision> decisions = new ConcurrentHashMap<>();
  // One decision instance per marker, so cached entries share them.
  private final Map<String, KeyDecision> replacements = new HashMap<>();

  KeyPolicy(RedactionSettings settings, SensitiveKeyMatcher matcher) {
    this.settings = settings;
    this.matcher = matcher;
    for (String marker :
        new String[] {
          Markers.EMAIL,
          Markers.PHONE,
          Markers.CARD,
          Markers.TOKEN,
          Markers.SECRET,
          Markers.PASSPORT,
          Markers.SNILS
        }) {
      replacements.put(marker, KeyDecision.replaceWith(marker));
    }
  }

  KeyDecision decide(String key) {
    KeyDecision decision = decisions.get(key);
    if (decision != null) {
      return decision;
    }
    decision = compute(key);
    if (decisions.size() < MAX_CACHED_KEYS) {
      decisions.put(key, decision);
    }
    return decision;
  }

  int cachedKeys() {
    return decisions.size();
  }

  private KeyDecision compute(String key) {
    if (settings.isAllowedKey(key)) {
      return KeyDecision.ALLOW;
    }
    String marker = matcher.markerForAttributeKey(key);
    if (marker == null) {
      return KeyDecision.SCAN;
    }
    KeyDecision shared = replacements.get(marker);
    return shared != null ? shared : KeyDecision.replaceWith(marker);
  }
}
