/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import io.ordertrace.e2e.demo.DemoStack;
import io.ordertrace.e2e.pipeline.PipelineProcesses;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The real pipeline (otelcol-ordertrace -> Jaeger, span_metrics/service_graph -> Prometheus) on
 * free loopback ports, loaded with the demo's order flow (agent on every service) including faulty
 * orders, so that the dashboards' and alerts' queries can run against real data.
 *
 * <p>Jaeger, the collector and Prometheus are started by {@link PipelineProcesses}, as in the
 * pipeline tests; this class adds the demo services with fault injection and the orders.
 */
final class DemoData implements AutoCloseable {
  /** Last digits 0..5: healthy plus the five faults. */
  static final int FAULTS = 6;

  /** The slow calculation's delay: under P2's 2 s "slow" threshold would hide it, so above. */
  static final int SLOW_MS = 2500;

  private final PipelineProcesses processes;
  final Path workDir;
  private io.ordertrace.testing.JaegerProcess jaeger;
  private PipelineProcesses.Prometheus prometheus;
  private DemoStack stack;

  /**
   * last digit of the order id -> order id, every fault of {@link
   * DemoStack.Builder#faultsByLastDigit}: 0 healthy and shipped, 1 CRM fails the approval, 2 MES
   * nacks, 3 MES drops the message, 4 MES's database times out, 5 a slow calculation (the order
   * still gets into production).
   */
  final Map<Character, String> orders = new LinkedHashMap<>();

  DemoData(String name) {
    processes = new PipelineProcesses("grafana", name);
    workDir = processes.workDir;
  }

  String jaegerUrl() {
    return jaeger.queryUrl();
  }

  String prometheusUrl() {
    return prometheus.url();
  }

  /** Starts everything and places the orders; on a failure stops what it started. */
  DemoData start() throws Exception {
    try {
      startAndLoad();
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startAndLoad() throws Exception {
    jaeger = processes.jaeger("jaeger");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", jaeger);
    prometheus =
        processes.new Prometheus(collector.prometheusTarget(), collector.selfMetricsTarget());

    String agent = System.getProperty("ordertrace.javaagent");
    if (agent == null || !Files.isRegularFile(Path.of(agent))) {
      throw new IllegalStateException(
          "one-jar agent (system property ordertrace.javaagent) missing: " + agent);
    }
    stack =
        DemoStack.builder()
            .name("GrafanaQueriesIT")
            .tracedJvmArgs(PipelineProcesses.agentJvmArgs(agent, collector))
            // every injected fault of the demo, as OrderFlowTracingIT and ./demo.sh
            .faultsByLastDigit(SLOW_MS)
            // five JVMs with the agent on a shared 2-core machine: starting can take minutes
            .startTimeout(java.time.Duration.ofMinutes(10))
            .start();
    runOrders();
  }

  private void runOrders() throws Exception {
    for (int i = 0; i < 40 && orders.size() < FAULTS; i++) {
      HttpResponse<String> created =
          PipelineProcesses.post(
              stack.url("shop-api") + "/api/orders",
              PipelineProcesses.orderJson(
                  "Test Customer", "test@example.ru", "+7 (916) 000-00-00", "Test 1"));
      if (created.statusCode() != 201) {
        throw new IllegalStateException(
            "order not placed: " + created.statusCode() + " " + created.body());
      }
      String id = created.headers().firstValue("X-Order-Id").orElseThrow();
      char last = id.charAt(id.length() - 1);
      if (last >= '0' && last < '0' + FAULTS) {
        orders.putIfAbsent(last, id);
      }
    }
    if (orders.size() < FAULTS) {
      throw new IllegalStateException(
          "not every last digit 0.." + (FAULTS - 1) + " was issued: " + orders);
    }
    for (String id : orders.values()) {
      PipelineProcesses.post(stack.url("crm-api") + "/crm/orders/" + id + "/approve", null);
    }
    String healthy = orders.get('0');
    await(
        () ->
            PipelineProcesses.get(stack.url("mes-api") + "/mes/orders/" + healthy)
                .body()
                .contains("in_production"),
        "order in production");
    HttpResponse<String> shipped =
        PipelineProcesses.post(stack.url("mes-api") + "/mes/orders/" + healthy + "/ship", null);
    if (shipped.statusCode() != 200) {
      throw new IllegalStateException("ship failed: " + shipped.statusCode());
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Waits (Awaitility, polling every second) for {@code cond} up to 120 s; exceptions count as "not
   * yet".
   */
  static void await(BooleanSupplier cond, String what) {
    org.awaitility.Awaitility.await(what)
        .atMost(java.time.Duration.ofSeconds(120))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(cond::getAsBoolean);
  }

  @Override
  public void close() {
    if (stack != null) {
      stack.close();
    }
    processes.close();
  }
}
