/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * What a search found: traces in Jaeger JSON (as in {@code /api/traces}'s {@code data}), merged by
 * trace id and ordered by their earliest span, and the per-service failures met on the way.
 */
public final class TraceSearchResult {

  private final ArrayNode traces;
  private final List<String> errors;

  TraceSearchResult(ArrayNode traces, List<String> errors) {
    this.traces = traces;
    this.errors = List.copyOf(errors);
  }

  /**
   * Jaeger JSON trace objects ({@code traceID}, {@code spans}, {@code processes}), oldest first.
   */
  public ArrayNode traces() {
    return traces;
  }

  /**
   * One line per service whose search failed, e.g. {@code "service crm-api: trace store at
   * http://...: HTTP 500 ..."}. A non-empty list means the traces may be incomplete.
   */
  public List<String> errors() {
    return errors;
  }
}
