/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Path globs such as {@code /health}, {@code /actuator/**} or {@code /api/*}/status}: {@code *}
 * matches one segment, a trailing {@code /**} matches the prefix and anything below it. Compiled
 * once; matching allocates nothing.
 */
public final class PathPatterns {

  private final List<String> exact;
  private final List<String> prefixes;
  private final List<PathTemplate> templates;
  private final String text;

  private PathPatterns(
      List<String> exact, List<String> prefixes, List<PathTemplate> templates, String text) {
    this.exact = exact;
    this.prefixes = prefixes;
    this.templates = templates;
    this.text = text;
  }

  /** Parses one pattern after another, reporting bad ones and keeping the rest. */
  public static PathPatterns parse(List<String> patterns, String property, ConfigErrors errors) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<PathTemplate> templates = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    for (String pattern : patterns) {
      if (!pattern.startsWith("/")) {
        errors.invalid(property, pattern, "a path pattern starts with '/', e.g. /actuator/**");
        continue;
      }
      String body = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
      if (body.contains("**")) {
        errors.invalid(property, pattern, "'**' is only allowed at the end, as in /actuator/**");
        continue;
      }
      if (body.contains("{")) {
        errors.invalid(property, pattern, "use * for a variable segment, not {...}");
        continue;
      }
      boolean wildcard = body.contains("*");
      if (pattern.endsWith("/**")) {
        if (wildcard) {
          errors.invalid(property, pattern, "combine * and a trailing /** in separate patterns");
          continue;
        }
        prefixes.add(body);
      } else if (wildcard) {
        templates.add(PathTemplate.parse(body));
      } else {
        exact.add(stripTrailingSlash(body));
      }
      accepted.add(pattern);
    }
    return new PathPatterns(
        Collections.unmodifiableList(exact),
        Collections.unmodifiableList(prefixes),
        Collections.unmodifiableList(templates),
        String.join(",", accepted));
  }

  /** True when {@code path} (query string ignored) matches one of the patterns. */
  public boolean matches(@Nullable String path) {
    if (path == null || path.isEmpty()) {
      return false;
    }
    int end = path.indexOf('?');
    if (end < 0) {
      end = path.length();
    }
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    for (int i = 0; i < exact.size(); i++) {
      String candidate = exact.get(i);
      if (candidate.length() == end && path.regionMatches(0, candidate, 0, end)) {
        return true;
      }
    }
    for (int i = 0; i < prefixes.size(); i++) {
      String prefix = prefixes.get(i);
      int length = prefix.length();
      if (end >= length
          && path.regionMatches(0, prefix, 0, length)
          && (end == length || path.charAt(length) == '/')) {
        return true;
      }
    }
    for (int i = 0; i < templates.size(); i++) {
      if (templates.get(i).matchesExactly(path)) {
        return true;
      }
    }
    return false;
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String toString() {
    return text;
  }
}
