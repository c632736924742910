/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latency waterfall of one trace: a header, then one line per span in tree order (parent before
 * children, siblings by start time) with a bar placed and sized on the trace's time axis.
 *
 * <pre>
 * trace 0af7...319c  order A-1  50.0 ms  3 spans  services: shop-api, crm-api
 *
 *                                 0 ms                                 50.0 ms
 * shop-api POST /api/orders       │████████████████████████████████████████│  50.0 ms
 *   crm-api POST /crm/orders      │    ██████████████████                  │  22.0 ms  ✗ ERROR java.io.IOException
 * </pre>
 */
final class WaterfallRenderer {

  static final int DEFAULT_WIDTH = 40;
  private static final int MAX_LABEL = 60;
  private static final int MAX_DETAIL = 80;

  private final int width;
  private final Glyphs glyphs;

  /**
   * @param width the bar width in characters: the whole trace duration
   */
  WaterfallRenderer(int width, Glyphs glyphs) {
    this.width = width;
    this.glyphs = glyphs;
  }

  /** One row of the waterfall, in tree order. */
  record Row(SpanNode node, int depth) {}

  /** The spans of {@code trace} in tree order, with their depth. */
  static List<Row> rows(Trace trace) {
    List<Row> rows = new ArrayList<>();
    // Iterative pre-order walk: children pushed in reverse so the earliest comes out first.
    List<Row> stack = new ArrayList<>();
    List<SpanNode> roots = SpanNode.forest(trace);
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.add(new Row(roots.get(i), 0));
    }
    while (!stack.isEmpty()) {
      Row row = stack.remove(stack.size() - 1);
      rows.add(row);
      List<SpanNode> children = new ArrayList<>(row.node().children());
      children.sort((a, b) -> Long.compare(a.span().startNanos(), b.span().startNanos()));
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.add(new Row(children.get(i), row.depth() + 1));
      }
    }
    return rows;
  }

  String render(Trace trace) {
    StringBuilder out = new StringBuilder();
    out.append(header(trace)).append("\n\n");
    List<Row> rows = rows(trace);
    List<String> labels = new ArrayList<>();
    int labelWidth = 0;
    int durationWidth = 0;
    for (Row row : rows) {
      TraceSpan span = row.node().span();
      String label =
          glyphs.truncate(
              "  ".repeat(Math.min(row.depth(), 20)) + span.service() + " " + span.name(),
              MAX_LABEL);
      labels.add(label);
      labelWidth = Math.max(labelWidth, label.length());
      durationWidth = Math.max(durationWidth, Durations.format(span.durationNanos()).length());
    }

    String first = "0 ms";
    String last = Durations.format(trace.durationNanos());
    int gap = Math.max(1, width + 2 - first.length() - last.length());
    out.append(" ".repeat(labelWidth + 1))
        .append(first)
        .append(" ".repeat(gap))
        .append(last)
        .append('\n');

    long traceStart = trace.startNanos();
    long total = trace.durationNanos();
    for (int i = 0; i < rows.size(); i++) {
      SpanNode node = rows.get(i).node();
      TraceSpan span = node.span();
      StringBuilder line = new StringBuilder();
      line.append(pad(labels.get(i), labelWidth)).append(' ');
      line.append(glyphs.edge).append(bar(span, traceStart, total)).append(glyphs.edge);
      line.append("  ").append(padLeft(Durations.format(span.durationNanos()), durationWidth));
      if (span.error()) {
        line.append("  ").append(glyphs.error);
        String detail = span.errorDetail();
        if (detail != null) {
          line.append(' ').append(glyphs.truncate(oneLine(detail), MAX_DETAIL));
        }
      }
      if (node.orphan()) {
        line.append("  ").append(glyphs.orphan);
      }
      out.append(stripTrailing(line)).append('\n');
    }
    return out.toString();
  }

  /** The bar of {@code span}: {@link #width} cells, the filled ones covering the span's time. */
  String bar(TraceSpan span, long traceStart, long total) {
    int from;
    int to;
    if (total <= 0) {
      from = 0;
      to = width;
    } else {
      from =
          (int) Math.min(width - 1, Math.max(0, (span.startNanos() - traceStart) * width / total));
      long end = span.endNanos() - traceStart;
      to = (int) Math.min(width, Math.max(0, (end * width + total - 1) / total)); // ceiling
      to = Math.max(to, from + 1); // every span gets at least one cell
    }
    StringBuilder bar = new StringBuilder(width);
    for (int cell = 0; cell < width; cell++) {
      bar.append(cell >= from && cell < to ? glyphs.fill : glyphs.empty);
    }
    return bar.toString();
  }

  /** Trace id, order id(s), total duration, span count, errors and services. */
  static String header(Trace trace) {
    StringBuilder header = new StringBuilder("trace ").append(trace.traceId());
    header
        .append("  order ")
        .append(trace.orderIds().isEmpty() ? "-" : String.join(",", trace.orderIds()));
    header.append("  ").append(Durations.format(trace.durationNanos()));
    header
        .append("  ")
        .append(trace.spans().size())
        .append(trace.spans().size() == 1 ? " span" : " spans");
    int errors = trace.errors().size();
    if (errors > 0) {
      header.append("  ").append(errors).append(errors == 1 ? " error" : " errors");
    }
    header.append("  services: ").append(String.join(", ", trace.services()));
    return header.toString();
  }

  /** The {@code --json} form: header fields and the spans in tree order. */
  static Map<String, Object> toJson(Trace trace) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("traceId", trace.traceId());
    json.put("orderIds", List.copyOf(trace.orderIds()));
    json.put("durationMs", Durations.millis(trace.durationNanos()));
    json.put("spanCount", trace.spans().size());
    json.put("errorCount", trace.errors().size());
    json.put("services", List.copyOf(trace.services()));
    List<Object> spans = new ArrayList<>();
    long traceStart = trace.startNanos();
    for (Row row : rows(trace)) {
      TraceSpan span = row.node().span();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("spanId", span.spanId());
      item.put("parentSpanId", span.parentSpanId());
      item.put("depth", row.depth());
      item.put("service", span.service());
      item.put("name", span.name());
      item.put("kind", span.kind());
      item.put("offsetMs", Durations.millis(span.startNanos() - traceStart));
      item.put("durationMs", Durations.millis(span.durationNanos()));
      item.put("status", span.error() ? "ERROR" : "OK");
      item.put("error", span.error() ? span.errorDetail() : null);
      item.put("stage", span.stage());
      item.put("orphan", row.node().orphan());
      spans.add(item);
    }
    json.put("spans", spans);
    return json;
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  private static String stripTrailing(StringBuilder line) {
    return line.toString().stripTrailing();
  }
}
