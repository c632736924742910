/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.error;
import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.postAccepted;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.rootSpan;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.JaegerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway (collector-config/otelcol.yaml) between a plain OTLP client and a real Jaeger, with
 * Prometheus scraping it: collector-side PII scrubbing (S5), tail sampling (P2), RED metrics (U2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayPipelineIT {
  private PipelineProcesses processes;
  private JaegerProcess jaeger;
  private PipelineProcesses.Collector collector;
  private PipelineProcesses.Prometheus prometheus;

  @BeforeAll
  void start() throws Exception {
    processes = new PipelineProcesses("GatewayPipelineIT");
    jaeger = processes.jaeger("jaeger");
    collector = processes.gateway("otelcol", jaeger);
    prometheus =
        processes.new Prometheus(collector.prometheusTarget(), collector.selfMetricsTarget());
  }

  @AfterAll
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  // PII that a client without the agent might send. Never printed: failures name them by index.
  private static final List<String> PII =
      List.of(
          "ivan.petrov@mail.ru",
          "ivan.petrov%40mail.ru",
          "+7 (916) 555-12-34",
          "8 916 555 12 34",
          "89165551234",
          "+79165551234",
          "+44 20 7946 0958",
          "4111 1111 1111 1111",
          "5500-0000-0000-0004",
          "hunter2",
          "abcdef123456tok",
          "eyJhbGciOiJIUzI1NiJ9",
          "JSESSIONID=s3cr3t",
          "sk_live_abcdefghij0123",
          "45 06 123456",
          "Tverskaya-13-secret");

  @Test
  void piiSentStraightToTheCollectorComesOutOfJaegerScrubbedAndTheIdsIntact() {
    String traceId = newTraceId();
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("order.id", "89161234567"); // looks like a phone, is an order id: must stay
    attrs.put("user.id", "u-3003");
    attrs.put("caller.service.name", "shop-api");
    attrs.put("order.stage", "created");
    attrs.put("customer.note", "write to ivan.petrov@mail.ru or ivan.petrov%40mail.ru");
    attrs.put(
        "customer.contact",
        "call +7 (916) 555-12-34, 8 916 555 12 34, 89165551234, +79165551234 or +44 20 7946 0958");
    attrs.put("payment.details", "paid by 4111 1111 1111 1111, refund to 5500-0000-0000-0004");
    attrs.put("url.full", "https://shop.example/login?user=a&password=hunter2&page=2");
    attrs.put("http.request.header.authorization", "Bearer abcdef123456tok");
    attrs.put("http.request.header.cookie", "JSESSIONID=s3cr3t");
    attrs.put(
        "app.debug",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl key sk_live_abcdefghij0123 passport 45 06 123456");
    attrs.put("app.customer_password", "Tverskaya-13-secret");
    attrs.put("url.path", "/api/orders/4242");
    attrs.put("timestamp.text", "2025-01-01T10:00:00Z 1700000000000 v1.2.3 10.1.2.3");
    Span s =
        span(
                traceId,
                newSpanId(),
                null,
                "POST /api/orders",
                SpanKind.SPAN_KIND_SERVER,
                nowNanos(),
                20,
                attrs)
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(nowNanos())
                    .addAttributes(
                        Spans.attr(
                            "exception.message",
                            "no such customer ivan.petrov@mail.ru / +79165551234")))
            .build();
    assertThat(Spans.post(collector.tracesUrl(), request("foreign-client", List.of(s))))
        .isEqualTo(200);

    List<Span> stored = awaitTrace(traceId, 1);
    String json = Spans.traceJson(jaeger.queryUrl(), traceId);
    assertThat(json).isNotEmpty();
    for (int i = 0; i < PII.size(); i++) {
      assertThat(json.contains(PII.get(i)))
          .as("Jaeger's trace contains PII sample #%d", i)
          .isFalse();
    }
    Span out = stored.get(0);
    assertThat(Spans.attribute(out, "order.id")).isEqualTo("89161234567");
    assertThat(Spans.attribute(out, "user.id")).isEqualTo("u-3003");
    assertThat(Spans.attribute(out, "caller.service.name")).isEqualTo("shop-api");
    assertThat(Spans.attribute(out, "order.stage")).isEqualTo("created");
    assertThat(Spans.attribute(out, "url.path")).isEqualTo("/api/orders/4242");
    assertThat(Spans.attribute(out, "customer.note")).contains("[REDACTED:email]");
    assertThat(Spans.attribute(out, "customer.contact")).contains("[REDACTED:phone]");
    assertThat(Spans.attribute(out, "payment.details")).contains("[REDACTED:card]");
    assertThat(Spans.attribute(out, "url.full"))
        .contains("password=[REDACTED:secret]")
        .contains("page=2");
    assertThat(Spans.attribute(out, "timestamp.text"))
        .isEqualTo("2025-01-01T10:00:00Z 1700000000000 v1.2.3 10.1.2.3");
  }

  @Test
  void tailSamplingKeepsErrorsSlowAndOrderTracesDropsHealthChecksAndSamplesTheRest() {
    String url = collector.tracesUrl();
    List<String> errors = new ArrayList<>();
    List<String> orders = new ArrayList<>();
    List<String> slow = new ArrayList<>();
    List<String> health = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    // error traces: the root first, the failing child in a LATER request (the decision must
    // still keep the root)
    for (int i = 0; i < 20; i++) {
      String t = newTraceId();
      String root = newSpanId();
      long start = nowNanos();
      postAccepted(
          url,
          "sampling-test",
          span(
              t,
              root,
              null,
              "GET /api/catalog",
              SpanKind.SPAN_KIND_SERVER,
              start,
              30,
              Map.of("url.path", "/api/catalog")));
      postAccepted(
          url,
          "sampling-test",
          error(
              span(
                  t,
                  newSpanId(),
                  root,
                  "SELECT catalog",
                  SpanKind.SPAN_KIND_CLIENT,
                  start + 1_000_000,
                  10,
                  Map.of())));
      errors.add(t);
    }
    for (int i = 0; i < 20; i++) {
      orders.add(
          postRoot(
              url,
              "GET /api/orders/{id}",
              nowNanos(),
              5,
              Map.of("order.id", "70" + i, "url.path", "/api/orders/70" + i)));
    }
    for (int i = 0; i < 10; i++) {
      slow.add(
          postRoot(
              url,
              "GET /api/report",
              nowNanos() - 3_000_000_000L,
              3000,
              Map.of("url.path", "/api/report")));
    }
    String[] healthPaths = {
      "/health", "/actuator/health", "/actuator/health/liveness", "/metrics", "/ready", "/live"
    };
    for (int i = 0; i < 30; i++) {
      String path = healthPaths[i % healthPaths.length];
      health.add(postRoot(url, "GET " + path, nowNanos(), 1, Map.of("url.path", path)));
    }
    for (int i = 0; i < 400; i++) {
      plain.add(
          postRoot(url, "GET /api/catalog", nowNanos(), 5, Map.of("url.path", "/api/catalog")));
    }
    // kept traces are forwarded at once; dropped ones are gone after decision_wait (3s here)
    for (String t : errors) {
      assertThat(awaitTrace(t, 2)).as("error trace kept whole").hasSize(2);
    }
    for (String t : orders) {
      assertThat(awaitTrace(t, 1)).as("order trace kept").hasSize(1);
    }
    for (String t : slow) {
      assertThat(awaitTrace(t, 1)).as("slow trace kept").hasSize(1);
    }
    // Positive marker first: an order trace sent after all the others must arrive ...
    String marker =
        postRoot(url, "GET /api/orders/{id}", nowNanos(), 5, Map.of("order.id", "7999"));
    assertThat(awaitTrace(marker, 1)).as("marker order trace kept").hasSize(1);
    // ... then the plain traces' share must settle: unchanged for longer than decision_wait (3 s),
    // i.e. every probabilistic decision has been made and forwarded.
    AtomicLong kept = new AtomicLong(-1);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              long before = kept.get();
              long now =
                  plain.stream().filter(t -> !Spans.trace(jaeger.queryUrl(), t).isEmpty()).count();
              kept.set(now);
              return now == before && now > 0;
            });
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                plain.stream().filter(t -> !Spans.trace(jaeger.queryUrl(), t).isEmpty()).count()
                    == kept.get());
    assertThat(health.stream().filter(t -> !Spans.trace(jaeger.queryUrl(), t).isEmpty()).count())
        .as("health-check traces in Jaeger")
        .isZero();
    // 25 % of 400 = 100, sd ~8.7: 60..140 is beyond 4.5 sd
    assertThat(kept.get()).as("plain traces kept of 400 (25 %% expected)").isBetween(60L, 140L);
    System.out.printf(
        "tail sampling: %d of 400 plain traces kept (%.1f %%)%n", kept.get(), kept.get() / 4.0);
  }

  /**
   * The agent exports logs and metrics too by default: the gateway takes them (scrubbed, not
   * stored), so agents never write "Failed to export ... 404" into the application's log.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/v1/logs", "/v1/metrics"})
  void agentLogsAndMetricsAreAcceptedNotRefused(String path) throws Exception {
    HttpResponse<String> r =
        Spans.HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.tracesUrl().replace("/v1/traces", path)))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST %s", path).isEqualTo(200);
  }

  @Test
  void redMetricsAndTheServiceGraphReachPrometheus() {
    // shop -> crm: a client span and the server span it caused, repeated
    for (int i = 0; i < 10; i++) {
      String t = newTraceId();
      String client = newSpanId();
      long start = nowNanos();
      Span.Builder crm =
          span(
              t,
              newSpanId(),
              client,
              "POST /crm/orders",
              SpanKind.SPAN_KIND_SERVER,
              start + 2_000_000,
              30,
              Map.of(
                  "http.route",
                  "/crm/orders",
                  "http.request.method",
                  "POST",
                  "order.stage",
                  "created"));
      Spans.post(
          collector.tracesUrl(),
          request(
              "red-shop",
              List.of(
                  span(
                          t,
                          newSpanId(),
                          null,
                          "POST /api/orders",
                          SpanKind.SPAN_KIND_SERVER,
                          start,
                          50,
                          Map.of(
                              "http.route",
                              "/api/orders",
                              "http.request.method",
                              "POST",
                              "order.stage",
                              "created"))
                      .build(),
                  span(
                          t,
                          client,
                          null,
                          "POST",
                          SpanKind.SPAN_KIND_CLIENT,
                          start + 1_000_000,
                          40,
                          Map.of("http.request.method", "POST"))
                      .build())));
      Spans.post(
          collector.tracesUrl(),
          request("red-crm", List.of((i % 3 == 0 ? error(crm) : crm).build())));
    }
    awaitPrometheus(
        "traces_span_metrics_calls_total{service_name=\"red-crm\",status_code=\"STATUS_CODE_ERROR\",order_stage=\"created\"}");
    awaitPrometheus(
        "traces_span_metrics_calls_total{service_name=\"red-shop\",http_route=\"/api/orders\"}");
    awaitPrometheus("traces_span_metrics_duration_seconds_bucket{service_name=\"red-crm\"}");
    awaitPrometheus("traces_service_graph_request_total{client=\"red-shop\",server=\"red-crm\"}");
    awaitPrometheus(
        "traces_service_graph_request_failed_total{client=\"red-shop\",server=\"red-crm\"}");
    awaitPrometheus("{__name__=~\"otelcol_receiver_accepted_spans.*\",job=\"otelcol-self\"}");
  }

  /** A one-span trace (a server root span) sent as "sampling-test"; its trace id. */
  private static String postRoot(
      String url, String name, long startNanos, long durationMillis, Map<String, String> attrs) {
    String traceId = newTraceId();
    postAccepted(url, "sampling-test", rootSpan(traceId, name, startNanos, durationMillis, attrs));
    return traceId;
  }

  private void awaitPrometheus(String promql) {
    AtomicReference<String> last = new AtomicReference<>("");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> last.updateAndGet(old -> prometheus.query(promql)).contains("\"result\":[{"));
      return;
    } catch (ConditionTimeoutException noSeries) {
      // reported below, with what the exporter has
    }
    throw new AssertionError(
        "no series in Prometheus for "
            + promql
            + "; last answer: "
            + last.get()
            + "; exporter has: "
            + PipelineProcesses.get("http://" + collector.prometheusTarget() + "/metrics")
                .body()
                .lines()
                .filter(l -> !l.startsWith("#"))
                .map(l -> l.replaceAll("\\{.*", ""))
                .distinct()
                .toList());
  }

  private List<Span> awaitTrace(String traceId, int spans) {
    AtomicReference<List<Span>> got = new AtomicReference<>(List.of());
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () ->
                  got.updateAndGet(old -> Spans.trace(jaeger.queryUrl(), traceId)).size() >= spans);
    } catch (ConditionTimeoutException fewer) {
      // the caller's assertion reports the count
    }
    return got.get();
  }
}
