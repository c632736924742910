/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.util.Locale;
import java.util.Optional;

/** The role a Grafana organisation's datasource asserts in {@code X-Ordertrace-Role}. */
enum Role {
  SUPPORT,
  DEVELOPER;

  /** The role named exactly {@code support} or {@code developer}; anything else is no role. */
  static Optional<Role> parse(String header) {
    if ("support".equals(header)) {
      return Optional.of(SUPPORT);
    }
    if ("developer".equals(header)) {
      return Optional.of(DEVELOPER);
    }
    return Optional.empty();
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
