/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import javax.annotation.Nullable;

/** Finds one parameter in a raw query string without splitting the whole string. */
final class QueryParameters {

  @Nullable
  static String find(@Nullable String query, String name) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    int start = query.charAt(0) == '?' ? 1 : 0;
    int length = query.length();
    int nameLength = name.length();
    while (start < length) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (end - start > nameLength
          && query.charAt(start + nameLength) == '='
          && query.regionMatches(start, name, 0, nameLength)) {
        return query.substring(start + nameLength + 1, end);
      }
      start = end + 1;
    }
    return null;
  }

  private QueryParameters() {}
}
