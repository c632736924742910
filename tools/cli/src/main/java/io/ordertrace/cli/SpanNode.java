/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A span in the trace tree. Spans whose parent is not in the trace (not yet arrived, or lost)
 * become roots marked as orphans.
 */
final class SpanNode {

  private final TraceSpan span;
  private final boolean orphan;
  private final List<SpanNode> children = new ArrayList<>();

  private SpanNode(TraceSpan span, boolean orphan) {
    this.span = span;
    this.orphan = orphan;
  }

  TraceSpan span() {
    return span;
  }

  /** Whether the span names a parent that is not in the trace. */
  boolean orphan() {
    return orphan;
  }

  List<SpanNode> children() {
    return Collections.unmodifiableList(children);
  }

  /**
   * The roots of the trace's tree, by start time; children of every node by start time too. Spans
   * caught in a parent cycle (malformed data) are shown as orphans rather than dropped.
   */
  static List<SpanNode> forest(Trace trace) {
    Map<String, TraceSpan> byId = new HashMap<>();
    for (TraceSpan span : trace.spans()) {
      byId.putIfAbsent(span.spanId(), span);
    }
    Map<String, List<TraceSpan>> childrenOf = new HashMap<>();
    List<SpanNode> roots = new ArrayList<>();
    for (TraceSpan span : trace.spans()) { // already by start time
      String parent = span.parentSpanId();
      if (parent == null) {
        roots.add(new SpanNode(span, false));
      } else if (!byId.containsKey(parent) || parent.equals(span.spanId())) {
        roots.add(new SpanNode(span, true));
      } else {
        childrenOf.computeIfAbsent(parent, key -> new ArrayList<>()).add(span);
      }
    }
    Set<TraceSpan> placed = new HashSet<>();
    for (SpanNode root : roots) {
      attach(root, childrenOf, placed);
    }
    // Whatever is left sits on a parent cycle: unreachable from any root.
    for (TraceSpan span : trace.spans()) {
      if (!placed.contains(span)) {
        SpanNode node = new SpanNode(span, true);
        attach(node, childrenOf, placed);
        roots.add(node);
      }
    }
    roots.sort((a, b) -> Long.compare(a.span.startNanos(), b.span.startNanos()));
    return roots;
  }

  private static void attach(
      SpanNode node, Map<String, List<TraceSpan>> childrenOf, Set<TraceSpan> placed) {
    // Iterative depth-first walk: traces can be deep enough to overflow a recursive one.
    List<SpanNode> stack = new ArrayList<>();
    placed.add(node.span);
    stack.add(node);
    while (!stack.isEmpty()) {
      SpanNode current = stack.remove(stack.size() - 1);
      for (TraceSpan child : childrenOf.getOrDefault(current.span.spanId(), List.of())) {
        if (placed.add(child)) {
          SpanNode childNode = new SpanNode(child, false);
          current.children.add(childNode);
          stack.add(childNode);
        }
      }
    }
  }
}
