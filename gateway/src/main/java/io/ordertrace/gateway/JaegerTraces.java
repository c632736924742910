/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Jaeger's JSON ({@code {"data":[{traceID, spans[], processes{}}], ...}}), parsed with Jackson: the
 * {@code order.id} checks Support's answers go through, and the merge of a fan-out search.
 */
final class JaegerTraces {

  static final ObjectMapper JSON = new ObjectMapper();

  private JaegerTraces() {}

  /** Jaeger's answer was not the JSON it documents. */
  static final class MalformedAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String message) {
      super(message);
    }
  }

  /** The {@code data} array of a Jaeger answer. */
  static ArrayNode data(byte[] body) throws MalformedAnswerException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new MalformedAnswerException("Jaeger's answer is not JSON");
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || data.isNull()) {
      return JSON.createArrayNode();
    }
    if (!(data instanceof ArrayNode array)) {
      throw new MalformedAnswerException("Jaeger's answer has no data array");
    }
    return array;
  }

  /**
   * True if some span of {@code trace} has a tag {@code order.id} with a non-empty string value.
   */
  static boolean hasOrderId(JsonNode trace) {
    return anySpanTag(
        trace, SupportPolicy.ORDER_ID, value -> value.isTextual() && !value.textValue().isEmpty());
  }

  /** True if some span of {@code trace} has the tag {@code order.id} equal to {@code orderId}. */
  static boolean hasOrderId(JsonNode trace, String orderId) {
    return anySpanTag(
        trace,
        SupportPolicy.ORDER_ID,
        value -> value.isTextual() && value.textValue().equals(orderId));
  }

  private static boolean anySpanTag(JsonNode trace, String key, Predicate<JsonNode> value) {
    for (JsonNode span : trace.path("spans")) {
      for (JsonNode tag : span.path("tags")) {
        if (key.equals(tag.path("key").textValue()) && value.test(tag.path("value"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Earliest span start (microseconds) of a trace; Long.MAX_VALUE if it has none. */
  static long startTime(JsonNode trace) {
    long start = Long.MAX_VALUE;
    for (JsonNode span : trace.path("spans")) {
      if (span.path("startTime").canConvertToLong()) {
        start = Math.min(start, span.path("startTime").longValue());
      }
    }
    return start;
  }

  /**
   * The traces of several answers, each trace once (by {@code traceID}; a search returns whole
   * traces, so two answers holding one trace hold the same spans), those failing {@code keep}
   * dropped, ordered by start time, at most {@code max}.
   */
  static List<JsonNode> merge(List<ArrayNode> answers, Predicate<JsonNode> keep, int max) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (ArrayNode answer : answers) {
      for (JsonNode trace : answer) {
        String id = trace.path("traceID").asText("");
        if (!id.isEmpty() && keep.test(trace)) {
          byId.putIfAbsent(id, trace);
        }
      }
    }
    List<JsonNode> traces = new ArrayList<>(byId.values());
    traces.sort(Comparator.comparingLong(JaegerTraces::startTime));
    return traces.size() > max ? new ArrayList<>(traces.subList(0, max)) : traces;
  }

  /** A search answer in Jaeger's shape; {@code errors} as Jaeger writes them, or null. */
  static byte[] answer(List<JsonNode> traces, List<String> errors) {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("data").addAll(traces);
    root.put("total", traces.size());
    root.put("limit", 0);
    root.put("offset", 0);
    if (errors.isEmpty()) {
      root.putNull("errors");
    } else {
      ArrayNode array = root.putArray("errors");
      errors.forEach(message -> array.addObject().put("code", 502).put("msg", message));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  /** {@code {"error":message}} */
  static byte[] error(String message) {
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }
}
