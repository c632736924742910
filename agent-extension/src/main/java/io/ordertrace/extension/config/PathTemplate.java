/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A URL path template such as {@code /api/orders/{id}}: literal segments, {@code {id}} (the one
 * captured segment) and {@code *} (any one segment). Matching walks the path once and allocates
 * only the captured value.
 */
public final class PathTemplate {

  private static final String CAPTURE = "{id}";
  private static final String ANY = "*";

  private final String text;
  private final String[] segments;
  private final int captureIndex;

  private PathTemplate(String text, String[] segments, int captureIndex) {
    this.text = text;
    this.segments = segments;
    this.captureIndex = captureIndex;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static PathTemplate parse(String template) {
    String trimmed = template.trim();
    if (!trimmed.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with '/', e.g. /api/orders/{id}");
    }
    List<String> parts = new ArrayList<>();
    int capture = -1;
    for (String part : trimmed.substring(1).split("/", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.equals(CAPTURE)) {
        if (capture >= 0) {
          throw new IllegalArgumentException("only one {id} segment is allowed");
        }
        capture = parts.size();
      } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
        throw new IllegalArgumentException("'" + part + "' is not a segment; use {id} or * alone");
      }
      parts.add(part);
    }
    return new PathTemplate(trimmed, parts.toArray(new String[0]), capture);
  }

  /** True when the template has a {@code {id}} segment. */
  public boolean hasCapture() {
    return captureIndex >= 0;
  }

  /**
   * Matches {@code path} as a prefix (extra trailing segments allowed) and returns the {@code {id}}
   * segment, or {@code null} when the path does not match or the template captures nothing.
   */
  @Nullable
  public String capture(@Nullable String path) {
    return match(path, false);
  }

  /** True when the whole path (no extra segments) matches the template. */
  public boolean matchesExactly(@Nullable String path) {
    return match(path, true) != null;
  }

  @Nullable
  private String match(@Nullable String path, boolean exact) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    int end = queryStart(path);
    int pos = 1;
    String captured = "";
    for (int i = 0; i < segments.length; i++) {
      while (pos < end && path.charAt(pos) == '/') {
        pos++;
      }
      if (pos >= end) {
        return null;
      }
      int next = path.indexOf('/', pos);
      if (next < 0 || next > end) {
        next = end;
      }
      String segment = segments[i];
      if (i == captureIndex) {
        captured = path.substring(pos, next);
      } else if (!segment.equals(ANY)
          && !(segment.length() == next - pos && path.regionMatches(pos, segment, 0, next - pos))) {
        return null;
      }
      pos = next;
    }
    if (exact) {
      while (pos < end && path.charAt(pos) == '/') {
        pos++;
      }
      if (pos < end) {
        return null;
      }
    }
    return captureIndex >= 0 ? captured : "";
  }

  private static int queryStart(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path.length() : q;
  }

  @Override
  public String toString() {
    return text;
  }
}
