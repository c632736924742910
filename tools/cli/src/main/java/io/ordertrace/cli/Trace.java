/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The spans of one trace, ordered by start time, and what the tool reports about them. */
final class Trace {

  private final String traceId;
  private final List<TraceSpan> spans;

  Trace(String traceId, List<TraceSpan> spans) {
    this.traceId = traceId;
    List<TraceSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(TraceSpan::startNanos).thenComparing(TraceSpan::spanId));
    this.spans = List.copyOf(sorted);
  }

  String traceId() {
    return traceId;
  }

  /** Every span, by start time. */
  List<TraceSpan> spans() {
    return spans;
  }

  boolean isEmpty() {
    return spans.isEmpty();
  }

  long startNanos() {
    return spans.stream().mapToLong(TraceSpan::startNanos).min().orElse(0);
  }

  long endNanos() {
    return spans.stream().mapToLong(TraceSpan::endNanos).max().orElse(0);
  }

  long durationNanos() {
    return Math.max(0, endNanos() - startNanos());
  }

  /** The earliest span without a parent: absent while the root span has not arrived. */
  Optional<TraceSpan> root() {
    return spans.stream().filter(span -> span.parentSpanId() == null).findFirst();
  }

  /** Service names in the order the trace first reached them. */
  Set<String> services() {
    Set<String> services = new LinkedHashSet<>();
    spans.forEach(span -> services.add(span.service()));
    return services;
  }

  /** {@code order.stage} values in the order they were reached. */
  Set<String> stages() {
    Set<String> stages = new LinkedHashSet<>();
    for (TraceSpan span : spans) {
      if (span.stage() != null) {
        stages.add(span.stage());
      }
    }
    return stages;
  }

  /** {@code order.id} values on the trace's spans. */
  Set<String> orderIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (TraceSpan span : spans) {
      if (span.orderId() != null) {
        ids.add(span.orderId());
      }
    }
    return ids;
  }

  /** Spans with status ERROR, by start time. */
  List<TraceSpan> errors() {
    List<TraceSpan> errors = new ArrayList<>();
    for (TraceSpan span : spans) {
      if (span.error()) {
        errors.add(span);
      }
    }
    return errors;
  }
}
