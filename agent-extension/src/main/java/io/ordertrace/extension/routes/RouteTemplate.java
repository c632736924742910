/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * One route of {@code ordertrace.routes}: an optional method and a path template whose segments are
 * literals, {@code {name}} (any one segment) or a final {@code **} (the rest of the path, one
 * segment or more). The route reported is the template as written, e.g. {@code
 * /mes/orders/{id}/ship}. Matching walks the path once and allocates nothing.
 */
final class RouteTemplate {

  private static final String REST = "**";

  @Nullable private final String method;
  private final String route;
  private final String[] segments;
  private final boolean[] variable;
  private final boolean rest;

  private RouteTemplate(
      @Nullable String method, String route, String[] segments, boolean[] variable, boolean rest) {
    this.method = method;
    this.route = route;
    this.segments = segments;
    this.variable = variable;
    this.rest = rest;
  }

  /**
   * {@code /calc/estimate}, {@code POST /mes/orders/{id}/ship}, {@code PUT /files/**}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static RouteTemplate parse(String entry) {
    String text = entry.trim();
    String method = null;
    int space = text.indexOf(' ');
    if (space > 0) {
      method = text.substring(0, space).trim().toUpperCase(Locale.ROOT);
      text = text.substring(space + 1).trim();
      if (method.equals("*")) {
        method = null;
      } else if (!isToken(method)) {
        throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
      }
    }
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a route starts with '/', e.g. /mes/orders/{id}/ship");
    }
    List<String> parts = new ArrayList<>();
    for (String part : text.substring(1).split("/", -1)) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    boolean rest = false;
    String[] segments = new String[parts.size()];
    boolean[] variable = new boolean[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.equals(REST)) {
        if (i != parts.size() - 1) {
          throw new IllegalArgumentException("'**' may only be the last segment");
        }
        rest = true;
      } else if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
        variable[i] = true;
      } else if (part.equals("*")) {
        variable[i] = true;
      } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0 || part.indexOf('*') >= 0) {
        throw new IllegalArgumentException(
            "'" + part + "' is not a segment; use {name}, * or a final **");
      }
      segments[i] = part;
    }
    return new RouteTemplate(method, text, segments, variable, rest);
  }

  private static boolean isToken(String method) {
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return !method.isEmpty();
  }

  /** The {@code http.route} value. */
  String route() {
    return route;
  }

  /** True when the whole path (query excluded) matches and the method fits. */
  boolean matches(@Nullable String requestMethod, String path) {
    if (method != null && (requestMethod == null || !method.equalsIgnoreCase(requestMethod))) {
      return false;
    }
    int end = path.indexOf('?');
    if (end < 0) {
      end = path.length();
    }
    if (end == 0 || path.charAt(0) != '/') {
      return false;
    }
    int pos = 1;
    int count = rest ? segments.length - 1 : segments.length;
    for (int i = 0; i < count; i++) {
      while (pos < end && path.charAt(pos) == '/') {
        pos++;
      }
      if (pos >= end) {
        return false;
      }
      int next = path.indexOf('/', pos);
      if (next < 0 || next > end) {
        next = end;
      }
      if (!variable[i]
          && !(segments[i].length() == next - pos
              && path.regionMatches(pos, segments[i], 0, next - pos))) {
        return false;
      }
      pos = next;
    }
    while (pos < end && path.charAt(pos) == '/') {
      pos++;
    }
    return rest ? pos < end : pos >= end;
  }

  @Override
  public String toString() {
    return method == null ? route : method + " " + route;
  }
}
