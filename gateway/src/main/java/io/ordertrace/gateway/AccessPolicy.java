/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one role may do on Jaeger's HTTP query API. Deny by default: a policy allows only what it
 * names. Rules common to every role are applied first by {@link #decide}: only GET, only paths made
 * of plain segments (no percent-encoding, no {@code .} or {@code ..}), never the archive.
 */
interface AccessPolicy {

  Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_.:-]+)+");
  Pattern TRACE_PATH = Pattern.compile("/api/traces/([0-9a-fA-F]{1,32})");
  Pattern OPERATIONS_PATH = Pattern.compile("/api/services/([A-Za-z0-9_.:-]{1,256})/operations");
  Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  Pattern LIMIT = Pattern.compile("[0-9]{1,9}");
  String SERVICES = "/api/services";
  String TRACES = "/api/traces";

  /** The role's decision for a GET of a plain path. */
  Decision decideGet(GatewayRequest request, GatewayConfig.Limits limits);

  static Decision decide(Role role, GatewayRequest request, GatewayConfig.Limits limits) {
    if (!"GET".equals(request.method())) {
      return Decision.forbidden(
          "method " + request.method() + " is not allowed: the gateway is read-only");
    }
    String path = request.path();
    if (!PLAIN_PATH.matcher(path).matches()
        || path.contains("/./")
        || path.contains("/../")
        || path.endsWith("/.")
        || path.endsWith("/..")) {
      return Decision.forbidden("path not allowed");
    }
    if (path.equals("/api/archive") || path.startsWith("/api/archive/")) {
      return Decision.forbidden("the trace archive is not served through the gateway");
    }
    AccessPolicy policy = role == Role.SUPPORT ? SupportPolicy.INSTANCE : DeveloperPolicy.INSTANCE;
    return policy.decideGet(request, limits);
  }

  /**
   * {@code limit} set to at most {@code max} (and to {@code max} when absent or 0, Jaeger's
   * "default"); null if the given limit is not a number.
   */
  static Map<String, String> capLimit(Map<String, String> parameters, int max) {
    Map<String, String> forward = new LinkedHashMap<>(parameters);
    String limit = forward.get("limit");
    if (limit != null && !limit.isEmpty() && !LIMIT.matcher(limit).matches()) {
      return null;
    }
    int requested = limit == null || limit.isEmpty() ? 0 : Integer.parseInt(limit);
    forward.put("limit", Integer.toString(requested <= 0 ? max : Math.min(requested, max)));
    return forward;
  }
}
