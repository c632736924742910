/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy table of gateway/README.md, request by request, without Jaeger (GatewayIT asks a real
 * one).
 */
class PolicyTest {

  private static final GatewayConfig.Limits LIMITS = GatewayConfig.Limits.defaults();

  static Decision decide(String role, String method, String pathAndQuery) throws Exception {
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String query = question < 0 ? null : pathAndQuery.substring(question + 1);
    return AccessPolicy.decide(
        Role.parse(role).orElseThrow(),
        new GatewayRequest(method, path, QueryParameters.parse(query)),
        LIMITS);
  }

  private static String tags(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private static String outcome(Decision decision) {
    return decision.denied() ? Integer.toString(decision.status()) : decision.outcome().name();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Support: services and operations (search form, health check)
        "support   | GET    | /api/services                                                   | PROXY",
        "support   | GET    | /api/services?x=1                                               | 403",
        "support   | GET    | /api/services/shop-api/operations                               | PROXY",
        "support   | GET    | /api/v3/services                                                | PROXY",
        "support   | GET    | /api/v3/operations?service=shop-api&span_kind=server            | PROXY",
        // Support: search by order id only
        "support   | GET    | /api/traces?tags={\"order.id\":\"100042\"}                       | SEARCH",
        "support   | GET    | /api/traces?service=shop-api&tags={\"order.id\":\"A-1\"}&limit=5&start=1&end=2&lookback=custom | SEARCH",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\",\"order.stage\":\"approved\"}&operation=x&minDuration=1ms&maxDuration=1.5s | SEARCH",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\",\"order.stage.failed\":\"in_production\"} | SEARCH",
        "support   | GET    | /api/traces?tags={\"order.stage.failed\":\"in_production\"}     | 403",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\",\"order.stage.failed\":\"a b\"} | 400",
        "support   | GET    | /api/traces?service=shop-api                                    | 403",
        "support   | GET    | /api/traces?tags={\"user.id\":\"u-1\"}                           | 403",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\",\"user.id\":\"u-1\"}       | 403",
        "support   | GET    | /api/traces?tags={\"order.stage\":\"approved\"}                  | 403",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\"}&traceID=abc              | 403",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\"}&tag=user.id:u-1          | 403",
        "support   | GET    | /api/traces?tags={\"order.id\":\".*\"}                           | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":\"\"}                             | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":1}                                | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A\",\"order.id\":\"B\"}          | 400",
        "support   | GET    | /api/traces?tags=order.id%3DA-1                                 | 400",
        "support   | GET    | /api/traces?tags=[]                                             | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\"}&start=yesterday          | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\"}&limit=-1                 | 400",
        "support   | GET    | /api/traces?tags={\"order.id\":\"A-1\"}&minDuration=1y           | 400",
        // Support: traces by id, checked for order.id on Jaeger's answer
        "support   | GET    | /api/traces/0123456789abcdef0123456789abcdef                    | ORDER_TRACE",
        "support   | GET    | /api/traces/0123456789abcdef?start=1&end=2                      | ORDER_TRACE",
        "support   | GET    | /api/traces/0123456789abcdef?start=now                          | 400",
        "support   | GET    | /api/traces/0123456789abcdef?raw=true                           | 403",
        "support   | GET    | /api/traces/not-hex                                             | 403",
        // Support: everything else
        "support   | GET    | /api/dependencies?endTs=1&lookback=2                            | 403",
        "support   | GET    | /api/v3/traces?query.service_name=shop-api                      | 403",
        "support   | GET    | /api/v3/traces/0123456789abcdef                                 | 403",
        "support   | GET    | /api/metrics/latencies?service=shop-api                         | 403",
        "support   | GET    | /api/archive/0123456789abcdef                                   | 403",
        "support   | GET    | /                                                               | 403",
        "support   | POST   | /api/traces                                                     | 403",
        "support   | DELETE | /api/traces/0123456789abcdef                                    | 403",
        // Developer: every read endpoint under /api/
        "developer | GET    | /api/traces?service=shop-api&tags={\"user.id\":\"u-1\"}           | SEARCH",
        "developer | GET    | /api/traces?tags={\"user.id\":\"u-1\"}                           | SEARCH",
        "developer | GET    | /api/traces?service=shop-api&limit=x                            | 400",
        "developer | GET    | /api/traces/0123456789abcdef                                    | PROXY",
        "developer | GET    | /api/services                                                   | PROXY",
        "developer | GET    | /api/dependencies?endTs=1&lookback=2                            | PROXY",
        "developer | GET    | /api/v3/traces?query.service_name=shop-api                      | PROXY",
        "developer | GET    | /api/v3/traces/0123456789abcdef                                 | PROXY",
        "developer | GET    | /api/metrics/latencies?service=shop-api                         | PROXY",
        // Nobody: writes, deletes, admin, the archive, odd paths
        "developer | POST   | /api/archive/0123456789abcdef                                   | 403",
        "developer | GET    | /api/archive/0123456789abcdef                                   | 403",
        "developer | POST   | /api/transform                                                  | 403",
        "developer | DELETE | /api/traces/0123456789abcdef                                    | 403",
        "developer | PUT    | /api/services                                                   | 403",
        "developer | HEAD   | /api/services                                                   | 403",
        "developer | GET    | /metrics                                                        | 403",
        "developer | GET    | /                                                               | 403",
        "developer | GET    | /api/../admin                                                   | 403",
        "developer | GET    | /api/%2e%2e/admin                                               | 403",
      })
  void policyTable(String role, String method, String pathAndQuery, String expected)
      throws Exception {
    String encoded =
        pathAndQuery
            .replace("{", "%7B")
            .replace("}", "%7D")
            .replace("\"", "%22")
            .replace("[", "%5B")
            .replace("]", "%5D");
    assertThat(outcome(decide(role, method, encoded)))
        .as(decide(role, method, encoded).reason())
        .isEqualTo(expected);
  }

  @Test
  void supportTagsAreForwardedAsCheckedAndTheLimitIsCapped() throws Exception {
    Decision decision =
        decide(
            "support",
            "GET",
            "/api/traces?tags=" + tags("{ \"order.id\" : \"A-1\" }") + "&limit=500&service=");

    assertThat(decision.forward())
        .containsExactly(
            java.util.Map.entry("tags", "{\"order.id\":\"A-1\"}"),
            java.util.Map.entry("limit", "20"));
    assertThat(decision.orderId()).isEqualTo("A-1");
    assertThat(decision.maxTraces()).isEqualTo(LIMITS.supportMaxTraces());
  }

  @Test
  void withoutALimitTheCapIsSent() throws Exception {
    assertThat(
            decide("support", "GET", "/api/traces?tags=" + tags("{\"order.id\":\"A-1\"}"))
                .forward())
        .containsEntry("limit", "20");
    assertThat(decide("developer", "GET", "/api/traces?service=s&limit=5000").forward())
        .containsEntry("limit", Integer.toString(LIMITS.developerMaxTraces()));
    assertThat(decide("developer", "GET", "/api/traces?service=s&limit=7").forward())
        .containsEntry("limit", "7");
  }

  @Test
  void developerSearchesAreNotFilteredByOrder() throws Exception {
    assertThat(decide("developer", "GET", "/api/traces?service=s").orderId()).isNull();
  }
}
