/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrace.e2e.pipeline.PipelineProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every query of grafana/dashboards/*.json and grafana/provisioning/alerting/*.yaml against the
 * real stores, loaded by the demo's order flow with every injected fault (agent on every service,
 * the real collector, Jaeger on Badger, span metrics scraped by a real Prometheus):
 *
 * <ul>
 *   <li>PromQL straight to Prometheus (Grafana's Prometheus datasource adds nothing that changes
 *       the answer);
 *   <li>every trace panel: the EXACT requests Grafana's Jaeger datasource sends ({@link
 *       GrafanaJaegerDatasource}), replayed through the real gateway jar in front of Jaeger, with
 *       the headers of the datasource of the org that shows the dashboard: Order lookup as Support
 *       (org 2, role support) and as a developer (org 1), the service map as a developer. Grafana
 *       itself cannot run here.
 * </ul>
 *
 * <p>Variables: {@code $order_id} one order per fault; {@code $trace_id} a trace the order search
 * returned; multi-value variables take their "All" value {@code .+}; Grafana's built-ins get fixed
 * values ({@code $__range} = 15m, {@code $__rate_interval} = 1m).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaQueriesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "grafana-queries-it-" + Long.toHexString(System.nanoTime());
  private static final String SUPPORT_USER = "anna.support";
  private static final String DEVELOPER_USER = "dmitri.dev";
  private static final List<String> STAGES =
      List.of("created", "approved", "in_production", "shipped");

  /**
   * Panels that rightly show nothing on the demo's data: no fault breaks an order at creation or at
   * shipping (the failures are in approval and production).
   */
  static final Set<String> VALIDITY_ONLY = Set.of("'Failed: created'", "'Failed: shipped'");

  /** Whether the agent of this build sets order.stage.failed on failed steps (issue 11). */
  private boolean stageFailedRecorded;

  private DemoData data;
  private GatewayProcess gateway;
  private GrafanaJaegerDatasource support;
  private GrafanaJaegerDatasource developer;
  private Instant from;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> report = new ArrayList<>();

  /**
   * Support panels the gateway refused because of the order.stage.failed tag (see the test of those
   * panels).
   */
  private final List<String> blocked = new ArrayList<>();

  @BeforeAll
  void load() throws Exception {
    data = new DemoData("GrafanaQueriesIT").start();
    gateway =
        GatewayProcess.start(
            Provisioning.REPO, data.workDir.resolve("gateway"), data.jaegerUrl(), SECRET);
    support =
        new GrafanaJaegerDatasource(
            Provisioning.supportDatasource(), Map.of("httpHeaderValue1", SECRET), SUPPORT_USER, 2);
    developer =
        new GrafanaJaegerDatasource(
            Provisioning.datasources().get("1/ordertrace-jaeger"),
            Map.of("httpHeaderValue1", SECRET),
            DEVELOPER_USER,
            1);
    from = Instant.now().minus(Duration.ofDays(30));
    values.put("__rate_interval", "1m");
    values.put("__interval", "15s");
    values.put("__range", "15m");
    values.put("__range_s", "900");
    values.put("service", ".+");
    values.put("route", ".+");
    values.put("any_service", "");
    // Jaeger: MES has processed (and nacked) order 2's message, every order's stages are stored
    String nacked = data.orders.get('2');
    await(
        "order " + nacked + " in production (nacked) in Jaeger",
        () -> traceIdsOf(supportSearch(nacked, "")).size() >= 2);
    await(
        "every order created in Jaeger",
        () ->
            data.orders.values().stream()
                .allMatch(id -> !traceIdsOf(supportSearch(id, " order.stage=created")).isEmpty()));
    await(
        "order 0 shipped in Jaeger",
        () -> !traceIdsOf(supportSearch(data.orders.get('0'), " order.stage=shipped")).isEmpty());
    await(
        "order 5 (slow calculation) in production in Jaeger",
        () ->
            !traceIdsOf(supportSearch(data.orders.get('5'), " order.stage=in_production"))
                .isEmpty());
    for (char c : new char[] {'1', '3', '4'}) {
      await(
          "order ending in " + c + " approved or refused, in Jaeger",
          () -> traceIdsOf(supportSearch(data.orders.get(c), "")).size() >= 2);
    }
    // Prometheus: every metric family the dashboards use has been scraped
    for (String m :
        List.of(
            "traces_span_metrics_calls_total{order_stage=\"shipped\"}",
            "traces_span_metrics_calls_total{status_code=\"STATUS_CODE_ERROR\"}",
            "traces_service_graph_request_total{connection_type=\"messaging_system\"}",
            "traces_service_graph_request_server_seconds_bucket")) {
      await("Prometheus series " + m, () -> !promResult(m).isEmpty());
    }
    // two scrapes of the order-stage series at least, so that rate() has two samples
    await(
        "a second scrape",
        () ->
            !promResult(
                    "count_over_time(traces_span_metrics_calls_total{order_stage=\"shipped\"}[5m]) >= 2")
                .isEmpty());
    // the agent marks failed steps with order.stage.failed (issue 11) from that change on; an
    // older agent leaves the "Failed: <stage>" panels empty (they are then checked for validity)
    stageFailedRecorded =
        !tagValues(json(supportSearch(data.orders.get('2'), "")), "order.stage.failed").isEmpty();
    Files.writeString(
        data.workDir.resolve("series.json"),
        PipelineProcesses.get(
                data.prometheusUrl()
                    + "/api/v1/series?match[]="
                    + DemoData.enc("{__name__=~\"traces_.*\"}"))
            .body(),
        StandardCharsets.UTF_8);
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (data != null) {
      Files.write(data.workDir.resolve("queries-report.txt"), report, StandardCharsets.UTF_8);
      data.close();
    }
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(condition);
  }

  // ------------------------------------------------------------------ replay helpers

  private Map<String, Object> lookupDashboard() {
    return Provisioning.dashboards()
        .get(Provisioning.GRAFANA.resolve("dashboards/support/order-lookup.json"));
  }

  private Map<String, Object> lookupPanel(String title) {
    return Provisioning.panels(lookupDashboard()).stream()
        .filter(p -> title.equals(p.get("title")) && !"row".equals(p.get("type")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> target(Map<String, Object> panel) {
    return Provisioning.map(Provisioning.list(panel.get("targets")).get(0));
  }

  private Map<String, String> lookupVariables(String orderId, String traceId) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.put("order_id", orderId);
    v.put("trace_id", traceId);
    return v;
  }

  /**
   * Replays one Order lookup panel as Grafana would for the given datasource (its role and org).
   */
  private HttpResponse<String> replayLookupPanel(
      GrafanaJaegerDatasource ds, String title, String orderId, String traceId) {
    Map<String, Object> panel = lookupPanel(title);
    GrafanaJaegerDatasource.Request r =
        ds.forTarget(
            target(panel),
            lookupVariables(orderId, traceId),
            from,
            Instant.now().plusSeconds(60),
            new GrafanaJaegerDatasource.Origin(
                "ordertrace-order-lookup", panel.get("id"), Objects.toString(panel.get("type"))));
    assertThat(r).as("Grafana sends a request for %s", title).isNotNull();
    HttpResponse<String> response = gateway.send(r);
    report.add(
        response.statusCode()
            + " "
            + r
            + "  ["
            + title
            + ", order "
            + orderId
            + ", role "
            + r.headers().get("X-Ordertrace-Role")
            + "]");
    return response;
  }

  /** The order search of Order lookup as Support sends it, optionally with more logfmt tags. */
  private HttpResponse<String> supportSearch(String orderId, String moreTags) {
    Map<String, Object> t = new LinkedHashMap<>(target(lookupPanel("Traces of the order")));
    t.put("tags", t.get("tags") + moreTags);
    GrafanaJaegerDatasource.Request r =
        support.forTarget(
            t,
            lookupVariables(orderId, ""),
            from,
            Instant.now().plusSeconds(60),
            new GrafanaJaegerDatasource.Origin("ordertrace-order-lookup", 2, "table"));
    return gateway.send(r);
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  private static List<String> traceIdsOf(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return StreamSupport.stream(json(r).path("data").spliterator(), false)
        .map(t -> t.path("traceID").asText())
        .toList();
  }

  /** Tag values of every span of the traces in a Jaeger answer. */
  private static List<String> tagValues(JsonNode answer, String key) {
    List<String> out = new ArrayList<>();
    for (JsonNode trace : answer.path("data")) {
      for (JsonNode span : trace.path("spans")) {
        for (JsonNode tag : span.path("tags")) {
          if (key.equals(tag.path("key").asText())) {
            out.add(tag.path("value").asText());
          }
        }
      }
    }
    return out;
  }

  private static Set<String> services(JsonNode answer) {
    Set<String> out = new LinkedHashSet<>();
    answer
        .path("data")
        .forEach(t -> t.path("processes").forEach(p -> out.add(p.path("serviceName").asText())));
    return out;
  }

  // ------------------------------------------------------------------ Order lookup as Support (U1,
  // S2)

  @ParameterizedTest(name = "order ending in {0}")
  @ValueSource(chars = {'0', '1', '2', '3', '4', '5'})
  void supportSeesEveryTraceOfTheOrderWithoutChoosingAService(char fault) {
    String orderId = data.orders.get(fault);
    HttpResponse<String> r = replayLookupPanel(support, "Traces of the order", orderId, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json(r);
    assertThat(answer.path("data").size())
        .as("traces of order %s", orderId)
        .isGreaterThanOrEqualTo(2);
    // every trace holds the order: the gateway answered Support's fan-out with this order only
    for (JsonNode trace : answer.path("data")) {
      assertThat(
              tagValues(
                  JSON.createObjectNode().set("data", JSON.createArrayNode().add(trace)),
                  "order.id"))
          .as("trace %s", trace.path("traceID").asText())
          .contains(orderId)
          .allMatch(orderId::equals);
    }
    // ... from several services at once: shop-api creates, crm-api approves (and MES processes)
    assertThat(services(answer)).contains("shop-api", "crm-api");
  }

  @Test
  void theStagePanelsShowWhereEachOrderGot() {
    Map<Character, Set<String>> reached = new LinkedHashMap<>();
    for (Map.Entry<Character, String> order : data.orders.entrySet()) {
      for (String stage : STAGES) {
        HttpResponse<String> ok =
            replayLookupPanel(support, "Reached: " + stage, order.getValue(), "");
        assertThat(ok.statusCode()).as("Reached: %s, %s", stage, ok.body()).isEqualTo(200);
        if (json(ok).path("data").size() > 0) {
          assertThat(tagValues(json(ok), "order.stage")).contains(stage);
          reached.computeIfAbsent(order.getKey(), k -> new LinkedHashSet<>()).add(stage);
        }
      }
    }
    report.add(
        "reached " + reached + " (order.stage.failed recorded: " + stageFailedRecorded + ")");
    assertThat(reached.get('0')).as("the healthy order").containsExactlyElementsOf(STAGES);
    assertThat(reached.get('5'))
        .as("slow calculation, still in production")
        .contains("created", "approved", "in_production");
    assertThat(reached)
        .allSatisfy(
            (order, stages) ->
                assertThat(stages).as("order ending in %s", order).contains("created"));
    for (char c : new char[] {'1', '2', '3', '4'}) {
      assertThat(reached.get(c))
          .as("order ending in %s never shipped", c)
          .doesNotContain("shipped");
    }
    if (stageFailedRecorded) {
      // order.stage only for steps that succeeded (issue 11)
      assertThat(reached.get('1')).as("CRM failed the approval").containsExactly("created");
      assertThat(reached.get('2')).as("MES nacked").doesNotContain("in_production");
      assertThat(reached.get('4')).as("MES's database timed out").doesNotContain("in_production");
    }
  }

  /**
   * Whether the gateway refuses Support's order.stage.failed tag (its policy predates issue 11).
   */
  private static boolean refusedStageFailedTag(HttpResponse<String> r) {
    return r.statusCode() == 403 && r.body().contains("order.stage");
  }

  @Test
  void theFailedStepPanelsShowWhereEachOrderBroke() {
    Map<Character, Set<String>> failed = new LinkedHashMap<>();
    for (Map.Entry<Character, String> order : data.orders.entrySet()) {
      for (String stage : STAGES) {
        HttpResponse<String> bad =
            replayLookupPanel(support, "Failed: " + stage, order.getValue(), "");
        Assumptions.assumeFalse(
            refusedStageFailedTag(bad),
            "the gateway's Support policy refuses the tag order.stage.failed ("
                + bad.body()
                + "): it must accept it "
                + "like order.stage (grafana/README.md, Order lookup)");
        assertThat(bad.statusCode()).as("Failed: %s, %s", stage, bad.body()).isEqualTo(200);
        if (json(bad).path("data").size() > 0) {
          assertThat(tagValues(json(bad), "order.stage.failed")).contains(stage);
          failed.computeIfAbsent(order.getKey(), k -> new LinkedHashSet<>()).add(stage);
        }
      }
    }
    report.add("failed " + failed + " (order.stage.failed recorded: " + stageFailedRecorded + ")");
    assertThat(failed.get('0')).as("the healthy order").isNull();
    if (stageFailedRecorded) {
      assertThat(failed.get('1')).as("CRM failed the approval").containsExactly("approved");
      assertThat(failed.get('2')).as("MES nacked").containsExactly("in_production");
      assertThat(failed.get('4')).as("MES's database timed out").containsExactly("in_production");
    }
  }

  @Test
  void aClickedTraceOpensItsWaterfallAndATraceOfAnotherOrderIsRefused() {
    String orderId = data.orders.get('2');
    List<String> ids = traceIdsOf(replayLookupPanel(support, "Traces of the order", orderId, ""));
    HttpResponse<String> trace = replayLookupPanel(support, "Trace waterfall", orderId, ids.get(0));
    assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
    assertThat(json(trace).path("data").get(0).path("traceID").asText()).isEqualTo(ids.get(0));
    assertThat(tagValues(json(trace), "order.id")).contains(orderId);
    // nothing typed yet: Grafana sends no request at all for an empty trace id
    assertThat(
            support.forTarget(
                target(lookupPanel("Trace waterfall")),
                lookupVariables(orderId, ""),
                from,
                Instant.now(),
                new GrafanaJaegerDatasource.Origin("ordertrace-order-lookup", 1, "traces")))
        .isNull();
    // a trace id that is not stored: not found, never a 500
    HttpResponse<String> unknown =
        replayLookupPanel(support, "Trace waterfall", orderId, "0123456789abcdef0123456789abcdef");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
  }

  @Test
  void supportQueriesOutsideTheOrderAreForbiddenAndBadOnesAreClientErrors() {
    String orderId = data.orders.get('0');
    Instant now = Instant.now();
    GrafanaJaegerDatasource.Origin explore = new GrafanaJaegerDatasource.Origin(null, null, null);
    // the search form with a service and no order id, another tag, the dependency graph
    Map<String, Object> byService =
        Map.of("refId", "A", "queryType", "search", "service", "mes-api", "limit", 20);
    Map<String, Object> byUser =
        Map.of(
            "refId",
            "A",
            "queryType",
            "search",
            "service",
            "${any_service}",
            "tags",
            "order.id=" + orderId + " user.id=42",
            "limit",
            20);
    Map<String, Object> graph = Map.of("refId", "A", "queryType", "dependencyGraph");
    for (Map<String, Object> t : List.of(byService, byUser, graph)) {
      HttpResponse<String> r = gateway.send(support.forTarget(t, values, from, now, explore));
      report.add(r.statusCode() + " support " + t);
      assertThat(r.statusCode()).as("%s -> %s", t, r.body()).isEqualTo(403);
    }
    // Order lookup opened before an order id is typed: a client error, never a 500
    HttpResponse<String> empty = replayLookupPanel(support, "Traces of the order", "", "");
    assertThat(empty.statusCode()).as(empty.body()).isBetween(400, 499);
    // Support's health check and search form lists are allowed
    HttpResponse<String> services = gateway.send(support.services());
    assertThat(services.statusCode()).isEqualTo(200);
    assertThat(services.body()).contains("shop-api", "mes-api");
  }

  // ------------------------------------------------------------------ developers (U2)

  @Test
  void developersGetTheServiceMapAndTheOrderLookupToo() {
    Map<String, Object> health =
        Provisioning.dashboards()
            .get(Provisioning.GRAFANA.resolve("dashboards/engineering/order-flow-health.json"));
    Map<String, Object> map =
        Provisioning.panels(health).stream()
            .filter(p -> "Service map".equals(p.get("title")))
            .findFirst()
            .orElseThrow();
    GrafanaJaegerDatasource.Request r =
        developer.forTarget(
            target(map),
            values,
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now(),
            new GrafanaJaegerDatasource.Origin(
                "ordertrace-order-flow-health", map.get("id"), "nodeGraph"));
    HttpResponse<String> graph = gateway.send(r);
    report.add(graph.statusCode() + " " + r + "  [Service map, developer]");
    assertThat(graph.statusCode()).as(graph.body()).isEqualTo(200);
    Set<String> edges = new LinkedHashSet<>();
    json(graph)
        .path("data")
        .forEach(d -> edges.add(d.path("parent").asText() + " -> " + d.path("child").asText()));
    assertThat(edges).contains("shop-api -> crm-api");
    // the Order lookup in Engineering uses the developer datasource (same uid): it answers too
    HttpResponse<String> lookup =
        replayLookupPanel(developer, "Traces of the order", data.orders.get('0'), "");
    assertThat(traceIdsOf(lookup)).isNotEmpty();
    assertThat(gateway.send(developer.operations("mes-api")).statusCode()).isEqualTo(200);
  }

  @Test
  void everyReplayedRequestIsAuditedWithTheGrafanaUser() {
    // one audit line per request: the user Grafana named, the role of the datasource
    HttpResponse<String> r =
        replayLookupPanel(support, "Traces of the order", data.orders.get('1'), "");
    assertThat(r.statusCode()).isEqualTo(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(gateway.auditLines())
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .contains("\"user\":\"" + SUPPORT_USER + "\"")
                                .contains("\"role\":\"support\"")
                                .contains(data.orders.get('1')))
                    .noneMatch(line -> line.contains(SECRET)));
  }

  // ------------------------------------------------------------------ every query, PromQL included

  private List<Object> promResult(String promql) {
    String body =
        PipelineProcesses.get(data.prometheusUrl() + "/api/v1/query?query=" + DemoData.enc(promql))
            .body();
    Map<String, Object> answer = Provisioning.map(new org.yaml.snakeyaml.Yaml().load(body));
    assertThat(answer.get("status"))
        .as("Prometheus status of %s: %s", promql, body)
        .isEqualTo("success");
    return Provisioning.list(Provisioning.map(answer.get("data")).get("result"));
  }

  /** Runs one query; returns how many results it gave. */
  private int run(Provisioning.Query q) {
    if ("jaeger".equals(q.datasourceType())) {
      return runJaeger(q);
    }
    String expr = Provisioning.substitute(q.expr(), values);
    assertThat(Provisioning.usedVariables(expr).stream().filter(v -> !v.startsWith("__")).toList())
        .as("unsubstituted variables in %s", q)
        .isEmpty();
    assertThat(q.datasourceType()).as("datasource of %s", q).isEqualTo("prometheus");
    Matcher lv = Pattern.compile("label_values\\((?:(.*),\\s*)?([a-z_]+)\\)").matcher(expr.trim());
    if (lv.matches()) {
      String url =
          data.prometheusUrl()
              + "/api/v1/label/"
              + lv.group(2)
              + "/values"
              + (lv.group(1) == null ? "" : "?match[]=" + DemoData.enc(lv.group(1)));
      String body = PipelineProcesses.get(url).body();
      return Provisioning.list(
              Provisioning.map(new org.yaml.snakeyaml.Yaml().load(body)).get("data"))
          .size();
    }
    return promResult(expr).size();
  }

  /**
   * The order whose data a panel should show: the healthy one for the stages reached, the one CRM
   * refused for a failed approval, the nacked one otherwise.
   */
  private String orderFor(Provisioning.Query q) {
    if (q.source().contains("'Reached: ")) {
      return data.orders.get('0');
    }
    return data.orders.get(q.source().contains("'Failed: approved'") ? '1' : '2');
  }

  /** A Jaeger panel of any dashboard, replayed as each org that has the dashboard would send it. */
  private int runJaeger(Provisioning.Query q) {
    boolean lookup = q.source().startsWith("order-lookup.json");
    String orderId = orderFor(q);
    String traceId = lookup ? traceIdsOf(supportSearch(orderId, "")).get(0) : "";
    int results = Integer.MAX_VALUE;
    for (GrafanaJaegerDatasource ds : lookup ? List.of(support, developer) : List.of(developer)) {
      GrafanaJaegerDatasource.Request r =
          ds.forTarget(
              q.target(),
              lookupVariables(orderId, traceId),
              from,
              Instant.now().plusSeconds(60),
              new GrafanaJaegerDatasource.Origin(null, null, null));
      assertThat(r).as("Grafana sends a request for %s", q).isNotNull();
      HttpResponse<String> response = gateway.send(r);
      if (ds == support && q.source().contains("'Failed: ") && refusedStageFailedTag(response)) {
        blocked.add(q + ": " + response.body());
        return -1; // theFailedStepPanelsShowWhereEachOrderBroke reports it
      }
      report.add(
          "    "
              + response.statusCode()
              + " "
              + r
              + "  [role "
              + r.headers().get("X-Ordertrace-Role")
              + ", order "
              + orderId
              + "]");
      assertThat(response.statusCode())
          .as("%s as %s: %s", q, r.headers().get("X-Ordertrace-Role"), response.body())
          .isEqualTo(200);
      results = Math.min(results, json(response).path("data").size());
    }
    return results;
  }

  private void runAll(List<Provisioning.Query> queries) {
    assertThat(queries).isNotEmpty();
    List<String> empty = new ArrayList<>();
    for (Provisioning.Query q : queries) {
      int n = run(q);
      report.add(
          (n < 0 ? "REFUSED by the gateway's Support policy" : n + " results")
              + ": "
              + q
              + "  =>  "
              + Provisioning.substitute(q.expr(), values));
      boolean validityOnly =
          VALIDITY_ONLY.stream().anyMatch(q.source()::contains)
              || (!stageFailedRecorded && q.source().contains("'Failed: "));
      if (n == 0 && !validityOnly) {
        empty.add(q.toString());
      }
    }
    assertThat(empty)
        .as("queries without data (report: %s)", data.workDir.resolve("queries-report.txt"))
        .isEmpty();
  }

  @Test
  void everyDashboardQueryReturnsData() {
    runAll(Provisioning.dashboardQueries());
  }

  @Test
  void everyAlertQueryReturnsData() {
    runAll(Provisioning.alertQueries());
  }
}
