/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Support sees order traces only (S2, U1):
 *
 * <ul>
 *   <li>{@code /api/traces} searches whose {@code tags} are exactly {@code {"order.id":"<id>"}},
 *       optionally with {@code "order.stage"} and/or {@code "order.stage.failed"} (both only narrow
 *       a search that is already one order's); parameters {@code service operation tags start end
 *       limit minDuration maxDuration lookback} only (no {@code traceID}, no {@code tag}); {@code
 *       limit} capped; without a service the gateway fans out over the services; every returned
 *       trace must hold a span whose {@code order.id} equals the id (checked on the parsed answer);
 *   <li>{@code /api/traces/<hex id>} (parameters {@code start end}), returned only if a span of the
 *       trace carries an {@code order.id};
 *   <li>{@code /api/services}, {@code /api/services/<s>/operations}, {@code /api/v3/services},
 *       {@code /api/v3/operations}: names of services and operations (the search form and Grafana's
 *       health check), no parameters but {@code service}/{@code span_kind} on the last.
 * </ul>
 *
 * Everything else is refused: the dependency graph, other {@code /api/v3/*} endpoints (their search
 * would bypass the tag rule), metrics.
 */
final class SupportPolicy implements AccessPolicy {

  static final SupportPolicy INSTANCE = new SupportPolicy();

  static final String ORDER_ID = "order.id";
  static final String ORDER_STAGE = "order.stage";

  /** Set by the agent on the span where a step towards a stage failed (issue 11). */
  static final String ORDER_STAGE_FAILED = "order.stage.failed";

  /** As bin/ordertrace accepts order ids. */
  static final Pattern ORDER_ID_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  static final Pattern STAGE_VALUE = Pattern.compile("[A-Za-z0-9_:-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,256}");
  private static final Pattern DURATION =
      Pattern.compile("([0-9]{1,9}(\\.[0-9]{1,9})?(ns|us|µs|ms|s|m|h)){1,4}");
  private static final Pattern LOOKBACK = Pattern.compile("[A-Za-z0-9]{1,16}");

  private static final Set<String> SEARCH_PARAMETERS =
      Set.of(
          "service",
          "operation",
          "tags",
          "start",
          "end",
          "limit",
          "minDuration",
          "maxDuration",
          "lookback");
  private static final Set<String> TRACE_PARAMETERS = Set.of("start", "end");
  private static final Set<String> V3_OPERATIONS_PARAMETERS = Set.of("service", "span_kind");
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SupportPolicy() {}

  @Override
  public Decision decideGet(GatewayRequest request, GatewayConfig.Limits limits) {
    String path = request.path();
    Map<String, String> parameters = request.parameters().values();
    if (path.equals(SERVICES)
        || OPERATIONS_PATH.matcher(path).matches()
        || path.equals("/api/v3/services")) {
      return onlyParameters(
          parameters, Set.of(), Decision.proxy("service and operation names", parameters));
    }
    if (path.equals("/api/v3/operations")) {
      return onlyParameters(
          parameters, V3_OPERATIONS_PARAMETERS, Decision.proxy("operation names", parameters));
    }
    if (TRACE_PATH.matcher(path).matches()) {
      Decision denied = onlyParameters(parameters, TRACE_PARAMETERS, null);
      if (denied != null) {
        return denied;
      }
      for (String name : TRACE_PARAMETERS) {
        if (parameters.containsKey(name) && !DIGITS.matcher(parameters.get(name)).matches()) {
          return Decision.badRequest(name + " must be a whole number (microseconds)");
        }
      }
      return Decision.orderTrace(parameters);
    }
    if (path.equals(TRACES)) {
      return search(parameters, limits.supportMaxTraces());
    }
    return Decision.forbidden("endpoint not allowed for support");
  }

  private static Decision search(Map<String, String> parameters, int maxTraces) {
    Decision denied = onlyParameters(parameters, SEARCH_PARAMETERS, null);
    if (denied != null) {
      return denied;
    }
    String tagsText = parameters.get("tags");
    if (tagsText == null || tagsText.isBlank()) {
      return Decision.forbidden("support searches need tags={\"order.id\":\"<id>\"}");
    }
    JsonNode tags;
    try {
      tags = STRICT.readTree(tagsText);
    } catch (JsonProcessingException e) {
      return Decision.badRequest(
          "tags is not a JSON object of strings (a key given twice counts as malformed)");
    }
    if (!(tags instanceof ObjectNode object)) {
      return Decision.badRequest("tags is not a JSON object of strings");
    }
    ObjectNode checked = STRICT.createObjectNode();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!field.getKey().equals(ORDER_ID)
          && !field.getKey().equals(ORDER_STAGE)
          && !field.getKey().equals(ORDER_STAGE_FAILED)) {
        return Decision.forbidden(
            "support may search by order.id (and order.stage, order.stage.failed) only, not by another tag");
      }
      if (!field.getValue().isTextual()) {
        return Decision.badRequest("tag " + field.getKey() + " must be a string");
      }
      checked.put(field.getKey(), field.getValue().textValue());
    }
    JsonNode orderId = checked.get(ORDER_ID);
    if (orderId == null) {
      return Decision.forbidden("support searches need tags={\"order.id\":\"<id>\"}");
    }
    if (!ORDER_ID_VALUE.matcher(orderId.textValue()).matches()) {
      return Decision.badRequest("order.id must match " + ORDER_ID_VALUE.pattern());
    }
    for (String stage : new String[] {ORDER_STAGE, ORDER_STAGE_FAILED}) {
      if (checked.has(stage) && !STAGE_VALUE.matcher(checked.get(stage).textValue()).matches()) {
        return Decision.badRequest(stage + " must match " + STAGE_VALUE.pattern());
      }
    }
    Map<String, String> forward = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      String value = parameter.getValue();
      if (value.isEmpty() && !name.equals("tags")) {
        continue; // Grafana leaves out empty fields; an empty one means "not given"
      }
      String problem =
          switch (name) {
            case "service", "operation" ->
                NAME.matcher(value).matches() ? null : name + " must be 1-256 printable characters";
            case "start", "end" ->
                DIGITS.matcher(value).matches()
                    ? null
                    : name + " must be a whole number (microseconds)";
            case "limit" -> LIMIT.matcher(value).matches() ? null : "limit must be a whole number";
            case "minDuration", "maxDuration" ->
                DURATION.matcher(value).matches()
                    ? null
                    : name + " must be a duration such as 150ms or 1.5s";
            case "lookback" ->
                LOOKBACK.matcher(value).matches() ? null : "lookback must be letters and digits";
            default -> null;
          };
      if (problem != null) {
        return Decision.badRequest(problem);
      }
      forward.put(name, name.equals("tags") ? checked.toString() : value);
    }
    forward = AccessPolicy.capLimit(forward, maxTraces);
    return Decision.search("search by order id", forward, maxTraces, orderId.textValue());
  }

  /**
   * {@code decision} if every parameter is in {@code allowed}, else a refusal naming the first
   * other one.
   */
  private static Decision onlyParameters(
      Map<String, String> parameters, Set<String> allowed, Decision decision) {
    for (String name : parameters.keySet()) {
      if (!allowed.contains(name)) {
        return Decision.forbidden(
            "query parameter '" + AuditEntry.prefix(name, 64) + "' is not allowed for support");
      }
    }
    return decision;
  }
}
