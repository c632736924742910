/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.http;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/** The HTTP instrumentation's lists of captured headers, as the extension extends them. */
public final class CapturedHeaders {

  /**
   * {@code configured} plus the names of {@code wanted} it lacks (header names ignore case), in
   * that order; the user's own entries stay as written.
   */
  public static List<String> with(@Nullable List<String> configured, List<String> wanted) {
    List<String> headers = configured == null ? new ArrayList<>() : new ArrayList<>(configured);
    for (String name : wanted) {
      boolean present = false;
      for (String header : headers) {
        present |= header.trim().equalsIgnoreCase(name);
      }
      if (!present) {
        headers.add(name);
      }
    }
    return headers;
  }

  private CapturedHeaders() {}
}
