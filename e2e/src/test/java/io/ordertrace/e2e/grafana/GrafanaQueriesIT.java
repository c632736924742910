package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.e2e.pipeline.PipelineProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs EVERY TraceQL and PromQL query of grafana/dashboards/*.json and
 * grafana/provisioning/alerting/*.yaml against a real Tempo and a real Prometheus loaded by the
 * demo's order flow (with the agent, through the real collector, with fault injection so that
 * errors, nacks and a lost order exist). Each query must answer with data.
 *
 * <p>Variables: {@code $order_id} is the order whose MES processing is nacked (it has traces,
 * stages and errors), {@code $trace_id} one of its traces; multi-value variables take their
 * "All" value {@code .+}; Grafana's built-ins get fixed values ({@code $__range} = 15m,
 * {@code $__rate_interval} = 1m, {@code $__interval} = 15s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaQueriesIT {
  /** Queries that legitimately return nothing on healthy data; none at the moment (the demo has faults). */
  static final Set<String> VALIDITY_ONLY = Set.of();

  private DemoData data;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> report = new ArrayList<>();

  @BeforeAll
  void load() throws Exception {
    data = new DemoData("GrafanaQueriesIT").start();
    String orderId = data.orders.get('2');
    values.put("order_id", orderId);
    values.put("__rate_interval", "1m");
    values.put("__interval", "15s");
    values.put("__range", "15m");
    values.put("__range_s", "900");
    values.put("service", ".+");
    values.put("route", ".+");
    values.put("stage", ".+");
    // Tempo: the order's traces are searchable, and MES has processed (and nacked) its message
    DemoData.await(() -> traceIds("{ span.order.id = \"" + orderId + "\" && status = error }").size() >= 1, "errored trace of " + orderId);
    values.put("trace_id", traceIds("{ span.order.id = \"" + orderId + "\" }").get(0));
    // Prometheus: every metric family the dashboards use has been scraped
    for (String m : List.of("traces_span_metrics_calls_total{order_stage=\"shipped\"}",
        "traces_span_metrics_calls_total{status_code=\"STATUS_CODE_ERROR\"}",
        "traces_service_graph_request_total{connection_type=\"messaging_system\"}",
        "traces_service_graph_request_server_seconds_bucket")) {
      DemoData.await(() -> promResult(m).size() > 0, "Prometheus series " + m);
    }
    PipelineProcesses.sleep(5000); // a few more scrapes, so that rate() has two samples everywhere
    Path dump = data.workDir.resolve("series.json");
    Files.writeString(dump, PipelineProcesses.get(data.prometheusUrl() + "/api/v1/series?match[]="
        + DemoData.enc("{__name__=~\"traces_.*\"}")).body(), StandardCharsets.UTF_8);
  }

  @AfterAll
  void stop() throws Exception {
    if (data != null) {
      Files.write(data.workDir.resolve("queries-report.txt"), report, StandardCharsets.UTF_8);
      data.close();
    }
  }

  private List<String> traceIds(String traceql) {
    long end = System.currentTimeMillis() / 1000 + 60;
    java.net.http.HttpResponse<String> r = PipelineProcesses.get(data.jaegerUrl() + "/api/search?limit=50&start=" + (end - 3600) + "&end=" + end
        + "&q=" + DemoData.enc(traceql));
    assertThat(r.statusCode()).as("Tempo search %s: %s", traceql, r.body()).isEqualTo(200);
    String body = r.body();
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("\"traceID\"\\s*:\\s*\"([0-9a-f]+)\"").matcher(body);
    while (m.find()) {
      // Tempo's search drops leading zeros of trace ids; pad back to 32 hex digits
      String id = m.group(1);
      ids.add(id.length() < 32 ? "0".repeat(32 - id.length()) + id : id);
    }
    return ids;
  }

  /** The result array of an instant query; fails on a query error. */
  private List<Object> promResult(String promql) {
    String body = PipelineProcesses.get(data.prometheusUrl() + "/api/v1/query?query=" + DemoData.enc(promql)).body();
    Map<String, Object> answer = Provisioning.map(new org.yaml.snakeyaml.Yaml().load(body));
    assertThat(answer.get("status")).as("Prometheus status of %s: %s", promql, body).isEqualTo("success");
    return Provisioning.list(Provisioning.map(answer.get("data")).get("result"));
  }

  /** Runs one query; returns how many results it gave. */
  private int run(Provisioning.Query q) {
    String expr = Provisioning.substitute(q.expr(), values);
    assertThat(Provisioning.usedVariables(expr).stream().filter(v -> !v.startsWith("__")).toList())
        .as("unsubstituted variables in %s", q).isEmpty();
    switch (q.datasourceType()) {
      case "prometheus": {
        Matcher lv = Pattern.compile("label_values\\((?:(.*),\\s*)?([a-z_]+)\\)").matcher(expr.trim());
        if (lv.matches()) {
          String url = data.prometheusUrl() + "/api/v1/label/" + lv.group(2) + "/values"
              + (lv.group(1) == null ? "" : "?match[]=" + DemoData.enc(lv.group(1)));
          String body = PipelineProcesses.get(url).body();
          return Provisioning.list(Provisioning.map(new org.yaml.snakeyaml.Yaml().load(body)).get("data")).size();
        }
        return promResult(expr).size();
      }
      case "tempo": {
        if ("serviceMap".equals(q.queryType())) {
          return promResult("traces_service_graph_request_total").size();
        }
        if (expr.matches("[0-9a-f]{32}")) {
          String body = PipelineProcesses.get(data.jaegerUrl() + "/api/traces/" + expr).body();
          return body.contains("\"spanId\"") ? 1 : 0;
        }
        return traceIds(expr).size();
      }
      default:
        throw new AssertionError("no runner for datasource type " + q.datasourceType() + " of " + q);
    }
  }

  private void runAll(List<Provisioning.Query> queries) {
    assertThat(queries).isNotEmpty();
    List<String> empty = new ArrayList<>();
    for (Provisioning.Query q : queries) {
      int n = run(q);
      report.add(n + " results: " + q + "  =>  " + Provisioning.substitute(q.expr(), values));
      if (n == 0 && !VALIDITY_ONLY.contains(q.source())) {
        empty.add(q.toString());
      }
    }
    assertThat(empty).as("queries without data (report: %s)", data.workDir.resolve("queries-report.txt")).isEmpty();
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
