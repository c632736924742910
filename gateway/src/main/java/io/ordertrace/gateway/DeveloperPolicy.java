/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.util.Map;

/**
 * Developers read everything Jaeger's query API serves under {@code /api/} (U2): searches (with any
 * parameters; {@code limit} capped), traces, services, operations, the dependency graph, {@code
 * /api/v3/*} and {@code /api/metrics/*}. The archive, Jaeger's UI assets and every non-GET are
 * refused by {@link AccessPolicy#decide}.
 */
final class DeveloperPolicy implements AccessPolicy {

  static final DeveloperPolicy INSTANCE = new DeveloperPolicy();

  private DeveloperPolicy() {}

  @Override
  public Decision decideGet(GatewayRequest request, GatewayConfig.Limits limits) {
    String path = request.path();
    Map<String, String> parameters = request.parameters().values();
    if (path.equals(TRACES)) {
      Map<String, String> forward = AccessPolicy.capLimit(parameters, limits.developerMaxTraces());
      if (forward == null) {
        return Decision.badRequest("limit must be a whole number");
      }
      return Decision.search("developer search", forward, limits.developerMaxTraces(), null);
    }
    if (path.startsWith("/api/")) {
      return Decision.proxy("developer read", parameters);
    }
    return Decision.forbidden("only Jaeger's /api/ read endpoints are served");
  }
}
