/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Merges Jaeger JSON traces by trace id. The same trace comes back from several per-service
 * searches, each answer numbering its processes ({@code p1}, {@code p2} ...) on its own: spans are
 * unioned by span id, equal processes share one id, and a process id already taken by a different
 * process is renamed in the spans that use it.
 */
final class TraceMerger {

  private final Map<String, ObjectNode> byTraceId = new LinkedHashMap<>();
  private final Map<String, Set<String>> spanIds = new HashMap<>();

  /** Adds every trace of a {@code data} array (or a single trace object). */
  void addAll(JsonNode traces) {
    if (traces.isArray()) {
      traces.forEach(this::add);
    } else if (traces.isObject()) {
      add(traces);
    }
  }

  void add(JsonNode trace) {
    String traceId = normalizeId(trace.path("traceID").asText(""));
    if (traceId.isEmpty()) {
      return;
    }
    ObjectNode merged = byTraceId.get(traceId);
    if (merged == null) {
      merged = JsonNodeFactory.instance.objectNode();
      merged.put("traceID", traceId);
      merged.putArray("spans");
      merged.putObject("processes");
      merged.putNull("warnings");
      byTraceId.put(traceId, merged);
      spanIds.put(traceId, new HashSet<>());
    }
    Map<String, String> processRename =
        mergeProcesses((ObjectNode) merged.get("processes"), trace.path("processes"));
    ArrayNode spans = (ArrayNode) merged.get("spans");
    Set<String> seen = spanIds.get(traceId);
    for (JsonNode span : trace.path("spans")) {
      if (!span.isObject() || !seen.add(span.path("spanID").asText(""))) {
        continue;
      }
      ObjectNode copy = ((ObjectNode) span).deepCopy();
      String processId = span.path("processID").asText("");
      if (processRename.containsKey(processId)) {
        copy.put("processID", processRename.get(processId));
      }
      spans.add(copy);
    }
    JsonNode warnings = trace.path("warnings");
    if (warnings.isArray() && !warnings.isEmpty()) {
      JsonNode existing = merged.get("warnings");
      ArrayNode list = existing.isArray() ? (ArrayNode) existing : merged.putArray("warnings");
      warnings.forEach(
          warning -> {
            if (!contains(list, warning)) {
              list.add(warning);
            }
          });
    }
  }

  /**
   * Adds the processes of one answer to {@code target}; returns how to rename that answer's process
   * ids (only entries that change).
   */
  private static Map<String, String> mergeProcesses(ObjectNode target, JsonNode incoming) {
    Map<String, String> rename = new HashMap<>();
    incoming
        .properties()
        .forEach(
            entry -> {
              String id = entry.getKey();
              JsonNode process = entry.getValue();
              String existingId = findEqual(target, process);
              if (existingId != null) {
                if (!existingId.equals(id)) {
                  rename.put(id, existingId);
                }
                return;
              }
              String newId = id;
              int next = target.size() + 1;
              while (target.has(newId)) {
                newId = "p" + next++;
              }
              target.set(newId, process.deepCopy());
              if (!newId.equals(id)) {
                rename.put(id, newId);
              }
            });
    return rename;
  }

  @Nullable
  private static String findEqual(ObjectNode processes, JsonNode process) {
    for (Map.Entry<String, JsonNode> entry : processes.properties()) {
      if (entry.getValue().equals(process)) {
        return entry.getKey();
      }
    }
    return null;
  }

  private static boolean contains(ArrayNode array, JsonNode value) {
    for (JsonNode element : array) {
      if (element.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The merged traces, each with its spans by start time, the traces by earliest span. */
  ArrayNode result() {
    List<ObjectNode> traces = new ArrayList<>(byTraceId.values());
    for (ObjectNode trace : traces) {
      List<JsonNode> spans = new ArrayList<>();
      trace.get("spans").forEach(spans::add);
      spans.sort(
          Comparator.comparingLong((JsonNode span) -> span.path("startTime").asLong(0))
              .thenComparing(span -> span.path("spanID").asText("")));
      ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
      sorted.addAll(spans);
      trace.set("spans", sorted);
    }
    traces.sort(
        Comparator.comparingLong(TraceMerger::startMicros)
            .thenComparing(trace -> trace.path("traceID").asText("")));
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    result.addAll(traces);
    return result;
  }

  /** The earliest {@code startTime} (microseconds) of a Jaeger JSON trace; 0 without spans. */
  static long startMicros(JsonNode trace) {
    long earliest = Long.MAX_VALUE;
    for (JsonNode span : trace.path("spans")) {
      earliest = Math.min(earliest, span.path("startTime").asLong(Long.MAX_VALUE));
    }
    return earliest == Long.MAX_VALUE ? 0 : earliest;
  }

  /** Lower-case hex, left-padded to 32 digits (Jaeger drops leading zeros of 64-bit ids). */
  static String normalizeId(String traceId) {
    String id = traceId.strip().toLowerCase(Locale.ROOT);
    if (id.isEmpty() || id.length() >= 32) {
      return id;
    }
    return "0".repeat(32 - id.length()) + id;
  }
}
