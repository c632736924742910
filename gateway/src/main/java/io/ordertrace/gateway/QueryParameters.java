/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's query string, decoded once. A parameter given twice is refused: the gateway and
 * Jaeger must never read different values of one parameter. What is forwarded is re-encoded from
 * these values, never the raw string.
 */
final class QueryParameters {

  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  static QueryParameters parse(String rawQuery) throws BadRequestException {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParameters(values);
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("bad query string encoding: " + e.getMessage());
      }
      if (values.putIfAbsent(name, value) != null) {
        throw new BadRequestException(
            "query parameter '" + AuditEntry.prefix(name, 64) + "' given more than once");
      }
    }
    return new QueryParameters(values);
  }

  Map<String, String> values() {
    return values;
  }

  String get(String name) {
    return values.get(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
