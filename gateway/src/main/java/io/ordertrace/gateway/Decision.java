/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.util.Map;

/**
 * What a policy says about one request, and what to ask Jaeger if it is allowed: the parameters to
 * forward (re-encoded from checked values, never the raw query string), the cap on traces, and for
 * Support the order id every returned trace must carry.
 */
record Decision(
    Outcome outcome,
    int status,
    String reason,
    Map<String, String> forward,
    int maxTraces,
    String orderId) {

  enum Outcome {
    /** Forward the GET to Jaeger and return its answer (size capped). */
    PROXY,
    /**
     * {@code /api/traces} search: fan out over services when none is given; cap and filter the
     * traces.
     */
    SEARCH,
    /** Fetch the trace as JSON, return it only if one of its spans carries {@code order.id}. */
    ORDER_TRACE,
    /** Refuse with {@link #status()}, without asking Jaeger. */
    DENY
  }

  static Decision proxy(String reason, Map<String, String> forward) {
    return new Decision(Outcome.PROXY, 200, reason, forward, 0, null);
  }

  static Decision search(
      String reason, Map<String, String> forward, int maxTraces, String orderId) {
    return new Decision(Outcome.SEARCH, 200, reason, forward, maxTraces, orderId);
  }

  static Decision orderTrace(Map<String, String> forward) {
    return new Decision(
        Outcome.ORDER_TRACE, 200, "trace fetch, checked for order.id", forward, 1, null);
  }

  static Decision forbidden(String reason) {
    return new Decision(Outcome.DENY, 403, reason, Map.of(), 0, null);
  }

  static Decision badRequest(String reason) {
    return new Decision(Outcome.DENY, 400, reason, Map.of(), 0, null);
  }

  boolean denied() {
    return outcome == Outcome.DENY;
  }
}
