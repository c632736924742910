/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request model of Grafana's Jaeger datasource ({@link GrafanaJaegerDatasource}) against the
 * shapes Grafana's own code and tests show (pkg/tsdb/jaeger client.go, client_test.go: e.g. a trace
 * by id is {@code /api/traces/abc123}; search parameters through Go's url.Values), applied to this
 * repository's dashboards. No network: GrafanaQueriesIT sends these to the gateway.
 */
class GrafanaJaegerDatasourceTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-29T12:00:00.123456Z");
  private static final GrafanaJaegerDatasource.Origin LOOKUP =
      new GrafanaJaegerDatasource.Origin("ordertrace-order-lookup", 2, "table");

  private static GrafanaJaegerDatasource support() {
    return new GrafanaJaegerDatasource(
        Provisioning.supportDatasource(), Map.of("httpHeaderValue1", "s3cret"), "anna.support", 2);
  }

  private static Map<String, Object> orderLookupTarget(String title) {
    Map<String, Object> d =
        Provisioning.dashboards()
            .get(Provisioning.GRAFANA.resolve("dashboards/support/order-lookup.json"));
    return Provisioning.panels(d).stream()
        .filter(p -> title.equals(p.get("title")) && !"row".equals(p.get("type")))
        .findFirst()
        .map(p -> Provisioning.map(Provisioning.list(p.get("targets")).get(0)))
        .orElseThrow();
  }

  private static Map<String, String> vars(String orderId, String traceId) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("order_id", orderId);
    v.put("trace_id", traceId);
    v.put("any_service", "");
    return v;
  }

  @Test
  void theOrderSearchNamesNoServiceAndCarriesTheOrderIdAsJaegerTags() {
    GrafanaJaegerDatasource.Request r =
        support()
            .forTarget(
                orderLookupTarget("Traces of the order"), vars("100042", ""), FROM, TO, LOOKUP);
    // url.Values.Encode: keys sorted; start/end in microseconds; tags JSON, query-escaped
    assertThat(r.pathAndQuery())
        .isEqualTo(
            "/api/traces?end=1795953600123456&limit=100&start=1793491200000000"
                + "&tags=%7B%22order.id%22%3A%22100042%22%7D");
    assertThat(r.headers())
        .containsEntry("X-Ordertrace-Gateway-Secret", "s3cret")
        .containsEntry("X-Ordertrace-Role", "support")
        .containsEntry("X-Grafana-User", "anna.support")
        .containsEntry("X-Grafana-Org-Id", "2")
        .containsEntry("X-Dashboard-Uid", "ordertrace-order-lookup")
        .containsEntry("User-Agent", "Grafana/" + GrafanaJaegerDatasource.GRAFANA_VERSION);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Reached: approved|{\"order.id\":\"100042\",\"order.stage\":\"approved\"}",
        "Failed: in_production|{\"order.id\":\"100042\",\"order.stage.failed\":\"in_production\"}",
      })
  void stagePanelsAddOneStageTag(String title, String tagsJson) {
    GrafanaJaegerDatasource.Request r =
        support().forTarget(orderLookupTarget(title), vars("100042", ""), FROM, TO, LOOKUP);
    assertThat(r.pathAndQuery())
        .startsWith("/api/traces?end=")
        .contains("&limit=20&")
        .endsWith("&tags=" + GrafanaJaegerDatasource.queryEscape(tagsJson))
        .doesNotContain("service=");
  }

  @ParameterizedTest(name = "order id [{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "100042|{\"order.id\":\"100042\"}",
        "' 7 7 '|{\"order.id\":\" 7 7 \"}",
        "a\"b|{\"order.id\":\"a\\\"b\"}",
        "<x>&y|{\"order.id\":\"\\u003cx\\u003e\\u0026y\"}",
        "''|{\"order.id\":\"\"}",
      })
  void oddOrderIdsStayOneTagValueThroughJsonFormatLogfmtAndGoJson(String orderId, String tagsJson) {
    String tags =
        GrafanaJaegerDatasource.interpolate(
            orderLookupTarget("Traces of the order").get("tags").toString(), vars(orderId, ""));
    assertThat(GrafanaJaegerDatasource.goJson(GrafanaJaegerDatasource.logfmt(tags)))
        .isEqualTo(tagsJson);
  }

  @Test
  void aTraceIdQueryIsThePathOfTheTraceAndAnEmptyOneSendsNothing() {
    Map<String, Object> waterfall = orderLookupTarget("Trace waterfall");
    assertThat(
            support()
                .forTarget(
                    waterfall, vars("100042", "0af7651916cd43dd8448eb211c80319c"), FROM, TO, LOOKUP)
                .pathAndQuery())
        .isEqualTo("/api/traces/0af7651916cd43dd8448eb211c80319c");
    // Grafana's client_test.go: "/api/traces/abc123" (no time parameters unless traceIdTimeParams)
    assertThat(
            support()
                .forTarget(Map.of("refId", "A", "query", "abc123"), Map.of(), FROM, TO, LOOKUP)
                .pathAndQuery())
        .isEqualTo("/api/traces/abc123");
    assertThat(support().forTarget(waterfall, vars("100042", ""), FROM, TO, LOOKUP)).isNull();
  }

  @Test
  void aSearchWithAnEmptyRawServiceIsRefusedByGrafanaBeforeAnyRequest() {
    Map<String, Object> target = new LinkedHashMap<>(orderLookupTarget("Traces of the order"));
    target.put("service", "");
    assertThat(support().forTarget(target, vars("100042", ""), FROM, TO, LOOKUP)).isNull();
  }

  @Test
  void theServiceMapIsJaegersDependencyGraphInMilliseconds() {
    GrafanaJaegerDatasource dev =
        new GrafanaJaegerDatasource(
            Provisioning.datasources().get("1/ordertrace-jaeger"),
            Map.of("httpHeaderValue1", "s3cret"),
            "dev",
            1);
    GrafanaJaegerDatasource.Request r =
        dev.forTarget(
            Map.of("refId", "A", "queryType", "dependencyGraph"),
            Map.of(),
            FROM,
            TO,
            new GrafanaJaegerDatasource.Origin("ordertrace-order-flow-health", 20, "nodeGraph"));
    assertThat(r.pathAndQuery())
        .isEqualTo(
            "/api/dependencies?endTs=1795953600123&lookback=" + (1795953600123L - 1793491200000L));
    assertThat(r.headers()).containsEntry("X-Ordertrace-Role", "developer");
    assertThat(dev.services().pathAndQuery()).isEqualTo("/api/services");
    assertThat(dev.operations("mes-api").pathAndQuery())
        .isEqualTo("/api/services/mes-api/operations");
  }

  @Test
  void goEncodingMatchesNetUrlAndEncodingJson() {
    assertThat(GrafanaJaegerDatasource.queryEscape("a b~*é")).isEqualTo("a+b~%2A%C3%A9");
    assertThat(GrafanaJaegerDatasource.logfmt("b=2 a=\"x y\" c"))
        .containsExactly(Map.entry("a", "x y"), Map.entry("b", "2"), Map.entry("c", ""));
    assertThat(GrafanaJaegerDatasource.goJson(Map.of("k", "\u2028\t")))
        .isEqualTo("{\"k\":\"\\u2028\\t\"}");
    assertThat(List.of(GrafanaJaegerDatasource.encode(Map.of("z", "1", "a", "2"))))
        .containsExactly("a=2&z=1");
  }
}
