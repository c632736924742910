/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import javax.annotation.Nullable;

/** What to do with an attribute, decided once per key name and cached. */
final class KeyDecision {

  /** Allow-listed: never altered. */
  static final KeyDecision ALLOW = new KeyDecision(null);

  /** Ordinary key: run the detectors over the value. */
  static final KeyDecision SCAN = new KeyDecision(null);

  @Nullable private final String marker;

  private KeyDecision(@Nullable String marker) {
    this.marker = marker;
  }

  /** Sensitive key: the whole value becomes {@code marker}. */
  static KeyDecision replaceWith(String marker) {
    return new KeyDecision(marker);
  }

  /** Non-null only for sensitive keys. */
  @Nullable
  String marker() {
    return marker;
  }

  @Override
  public String toString() {
    return this == ALLOW ? "ALLOW" : this == SCAN ? "SCAN" : "REPLACE(" + marker + ")";
  }
}
