/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traces of one order as a table, oldest first: when each started, where it entered, which
 * services and order stages it reached, and whether and where it failed.
 */
final class OrderTracesTable {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_NAME = 48;
  private static final String[] HEADINGS = {
    "START (UTC)",
    "TRACE ID",
    "ROOT",
    "SERVICES",
    "STAGES",
    "STATUS",
    "DURATION",
    "ERRORS",
    "FIRST ERROR"
  };

  private final Glyphs glyphs;

  OrderTracesTable(Glyphs glyphs) {
    this.glyphs = glyphs;
  }

  /** {@code traces} by start time, oldest first (trace id breaks ties). */
  static List<Trace> inTimeOrder(List<Trace> traces) {
    List<Trace> sorted = new ArrayList<>(traces);
    sorted.sort(Comparator.comparingLong(Trace::startNanos).thenComparing(Trace::traceId));
    return sorted;
  }

  String render(List<Trace> traces) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (Trace trace : inTimeOrder(traces)) {
      rows.add(row(trace));
    }
    int[] widths = new int[HEADINGS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private String[] row(Trace trace) {
    List<TraceSpan> errors = trace.errors();
    return new String[] {
      UTC.format(Instant.ofEpochSecond(0, trace.startNanos())),
      trace.traceId(),
      glyphs.truncate(root(trace), MAX_NAME),
      String.join(" > ", trace.services()),
      trace.stages().isEmpty() ? "-" : String.join(",", trace.stages()),
      errors.isEmpty() ? "OK" : "ERROR",
      Durations.format(trace.durationNanos()),
      String.valueOf(errors.size()),
      errors.isEmpty() ? "-" : glyphs.truncate(label(errors.get(0)), MAX_NAME)
    };
  }

  /**
   * The root span as {@code service name}; the earliest span, marked, while the root is missing.
   */
  static String root(Trace trace) {
    Optional<TraceSpan> root = trace.root();
    if (root.isPresent()) {
      return label(root.get());
    }
    return trace.spans().isEmpty() ? "-" : "(root missing) " + label(trace.spans().get(0));
  }

  private static String label(TraceSpan span) {
    return span.service() + " " + span.name();
  }

  /** The {@code --json} form of one row. */
  static Map<String, Object> toJson(Trace trace) {
    List<TraceSpan> errors = trace.errors();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("start", UTC.format(Instant.ofEpochSecond(0, trace.startNanos())));
    json.put("traceId", trace.traceId());
    Optional<TraceSpan> root = trace.root();
    json.put("rootService", root.map(TraceSpan::service).orElse(null));
    json.put("rootName", root.map(TraceSpan::name).orElse(null));
    json.put("services", List.copyOf(trace.services()));
    json.put("stages", List.copyOf(trace.stages()));
    json.put("status", errors.isEmpty() ? "OK" : "ERROR");
    json.put("durationMs", Durations.millis(trace.durationNanos()));
    json.put("spanCount", trace.spans().size());
    json.put("errorCount", errors.size());
    if (errors.isEmpty()) {
      json.put("firstError", null);
    } else {
      Map<String, Object> first = new LinkedHashMap<>();
      first.put("service", errors.get(0).service());
      first.put("name", errors.get(0).name());
      first.put("error", errors.get(0).errorDetail());
      json.put("firstError", first);
    }
    return json;
  }
}
