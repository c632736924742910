/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.attribute;
import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.Command;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OpenSearchNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out store (P4): the real collector (collector-config/otelcol.yaml) exports to Jaeger v2 on
 * a real OpenSearch node (jaeger/jaeger-opensearch.yaml), and an order is found the way
 * bin/ordertrace finds it, with every span and attribute; PII is scrubbed before it reaches
 * OpenSearch. With rollover aliases (jaeger/opensearch/retention.sh --mode rollover) Jaeger writes
 * through the write alias and still finds orders in indices that were rolled over. Ingest-only and
 * query-only Jaegers (the role overlays of jaeger/) share one OpenSearch, as N of each would.
 */
class OpenSearchStoreIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FOUND_WITHIN = Duration.ofSeconds(60);

  private static PipelineProcesses processes;
  private static OpenSearchNode openSearch;

  @BeforeAll
  static void startOpenSearch() throws Exception {
    processes = new PipelineProcesses("OpenSearchStoreIT");
    openSearch = OpenSearchNode.start(processes.repo, processes.workDir);
  }

  @AfterAll
  static void stopAll() {
    if (processes != null) {
      processes.close(); // Jaegers and collectors first, while OpenSearch still answers
    }
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @Test
  void anOrderSentThroughTheCollectorIsFoundInOpenSearchWithAllItsSpansAndAttributes()
      throws Exception {
    JaegerProcess jaeger =
        processes.jaeger(
            "jaeger-daily",
            JaegerProcess.Storage.OPENSEARCH,
            Map.of("OPENSEARCH_URL", openSearch.url()));
    PipelineProcesses.Collector collector = processes.gateway("collector", jaeger);

    // given an order placed in the shop and made in the MES (two traces), and another order
    String orderId = "7" + System.nanoTime() % 1_000_000_000L;
    String otherOrderId = orderId + "1";
    Order placed = new Order(orderId);
    String root =
        placed.span(
            "shop-api",
            null,
            "POST /orders",
            SpanKind.SPAN_KIND_SERVER,
            Map.of(
                "http.route",
                "/orders",
                "http.request.method",
                "POST",
                "order.stage",
                "created",
                "user.email",
                "anna@example.com"));
    String crm =
        placed.span(
            "crm-api",
            root,
            "POST /crm/orders",
            SpanKind.SPAN_KIND_SERVER,
            Map.of("http.route", "/crm/orders", "caller.service.name", "shop-api"));
    placed.span(
        "crm-api",
        crm,
        "orders publish",
        SpanKind.SPAN_KIND_PRODUCER,
        Map.of("messaging.destination.name", "orders", "order.stage", "approved"));
    Order made = new Order(orderId);
    String consume =
        made.span(
            "mes-api",
            null,
            "orders process",
            SpanKind.SPAN_KIND_CONSUMER,
            Map.of("messaging.destination.name", "orders", "order.stage", "in_production"));
    made.failed(
        "mes-api",
        consume,
        "INSERT mes.jobs",
        SpanKind.SPAN_KIND_CLIENT,
        Map.of("db.system", "postgresql", "db.operation.name", "INSERT"));
    Order other = new Order(otherOrderId);
    other.span(
        "shop-api",
        null,
        "POST /orders",
        SpanKind.SPAN_KIND_SERVER,
        Map.of("order.stage", "created"));

    // when they go through the collector
    for (Order order : List.of(placed, made, other)) {
      assertThat(Spans.post(collector.tracesUrl(), order.request())).isEqualTo(200);
    }

    // then the order lookup finds exactly its two traces, complete
    Map<String, JsonNode> traces =
        await("order " + orderId + " in OpenSearch")
            .atMost(FOUND_WITHIN)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> findOrderOrNull(jaeger.queryUrl(), orderId),
                found ->
                    found != null
                        && found.size() == 2
                        && spanCount(found) == placed.sentSpans().size() + made.sentSpans().size());
    assertThat(traces.keySet()).containsExactlyInAnyOrder(placed.traceId, made.traceId);

    // with every attribute, kind and status as sent (OTLP JSON view of the same store)
    List<Span> stored = new ArrayList<>(Spans.trace(jaeger.queryUrl(), placed.traceId));
    stored.addAll(Spans.trace(jaeger.queryUrl(), made.traceId));
    assertThat(stored).hasSize(5);
    for (Span sent : placed.sentSpans()) {
      Span got = byId(stored, sent.getSpanId().toByteArray());
      assertThat(got.getName()).isEqualTo(sent.getName());
      assertThat(got.getKind()).isEqualTo(sent.getKind());
      assertThat(attribute(got, "order.id")).isEqualTo(orderId);
    }
    Span rootSpan = byId(stored, HexFormat.of().parseHex(root));
    assertThat(attribute(rootSpan, "http.route")).isEqualTo("/orders");
    assertThat(attribute(rootSpan, "order.stage")).isEqualTo("created");
    assertThat(attribute(byId(stored, HexFormat.of().parseHex(crm)), "caller.service.name"))
        .isEqualTo("shop-api");
    Span failed =
        stored.stream()
            .filter(s -> s.getName().equals("INSERT mes.jobs"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getStatus().getCode())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attribute(failed, "db.system")).isEqualTo("postgresql");
    assertThat(Spans.traceJson(jaeger.queryUrl(), made.traceId))
        .contains("\"mes-api\"")
        .contains("exception")
        .contains("SQLIntegrityConstraintViolationException");

    // the collector's PII filter ran before OpenSearch: the key is redacted, the address is nowhere
    assertThat(Spans.traceJson(jaeger.queryUrl(), placed.traceId))
        .doesNotContain("anna@example.com");
    String documents =
        openSearch
            .get("/ordertrace-jaeger-span-*/_search?size=100&q=traceID:" + placed.traceId)
            .body();
    assertThat(documents)
        .contains("\"value\":3")
        .contains("user.email")
        .doesNotContain("anna@example.com");

    // and the spans sit in today's daily span index
    String indices = openSearch.get("/_cat/indices/ordertrace-jaeger-*?h=index").body();
    assertThat(indices)
        .containsPattern("ordertrace-jaeger-span-\\d{4}-\\d{2}-\\d{2}")
        .containsPattern("ordertrace-jaeger-service-\\d{4}-\\d{2}-\\d{2}");

    // the other order is not part of this order's answer, and an unknown order finds nothing
    Map<String, JsonNode> otherTraces =
        await("order " + otherOrderId)
            .atMost(FOUND_WITHIN)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> findOrderOrNull(jaeger.queryUrl(), otherOrderId),
                found -> found != null && !found.isEmpty());
    assertThat(otherTraces).containsOnlyKeys(other.traceId);
    assertThat(findOrder(jaeger.queryUrl(), orderId + "999")).isEmpty();
  }

  @Test
  void withRolloverAliasesJaegerWritesThroughTheWriteAliasAndFindsOrdersInRolledOverIndices()
      throws Exception {
    String prefix = "rolltest";
    Path script = processes.repo.resolve("jaeger/opensearch/retention.sh");
    String setUp =
        Command.run(
                List.of(
                    script.toString(),
                    "--url",
                    openSearch.url(),
                    "--mode",
                    "rollover",
                    "--without-ism",
                    "--prefix",
                    prefix,
                    "--replicas",
                    "0",
                    "--jaeger",
                    JaegerProcess.binary(processes.repo).toString()),
                Duration.ofSeconds(60))
            .orThrow()
            .output();
    assertThat(setUp)
        .contains("created rolltest-jaeger-span-000001 behind rolltest-jaeger-span-write");

    JaegerProcess jaeger =
        processes.jaeger(
            "jaeger-aliases",
            JaegerProcess.Storage.OPENSEARCH,
            Map.of(
                "OPENSEARCH_URL",
                openSearch.url(),
                "OPENSEARCH_INDEX_PREFIX",
                prefix,
                "OPENSEARCH_USE_ALIASES",
                "true"));

    // an order stored before the rollover ...
    Order before = new Order("8" + System.nanoTime() % 1_000_000_000L);
    before.span(
        "shop-api",
        null,
        "POST /orders",
        SpanKind.SPAN_KIND_SERVER,
        Map.of("order.stage", "created"));
    assertThat(Spans.post(jaeger.otlpTracesUrl(), before.request())).isEqualTo(200);
    awaitOrder(jaeger, before.orderId, 1);
    assertThat(docCount(prefix + "-jaeger-span-000001")).isEqualTo(1);

    // ... what ISM does daily (here by hand: this node has no ISM plugin) ...
    HttpResponse<String> rollover =
        Spans.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(openSearch.url() + "/" + prefix + "-jaeger-span-write/_rollover"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(rollover.body())
        .contains("\"rolled_over\":true")
        .contains(prefix + "-jaeger-span-000002");

    // ... and one after it: written to the new index, both found through the read alias
    Order after = new Order(before.orderId + "2");
    after.span(
        "crm-api",
        null,
        "POST /crm/orders",
        SpanKind.SPAN_KIND_SERVER,
        Map.of("order.stage", "approved"));
    assertThat(Spans.post(jaeger.otlpTracesUrl(), after.request())).isEqualTo(200);
    awaitOrder(jaeger, after.orderId, 1);
    assertThat(docCount(prefix + "-jaeger-span-000002")).isEqualTo(1);
    assertThat(findOrder(jaeger.queryUrl(), before.orderId)).containsOnlyKeys(before.traceId);
    assertThat(openSearch.get("/_cat/aliases/" + prefix + "-jaeger-span-read?h=index").body())
        .contains(prefix + "-jaeger-span-000001")
        .contains(prefix + "-jaeger-span-000002");
    // no daily index was created beside the aliases
    assertThat(openSearch.get("/_cat/indices/" + prefix + "-*?h=index").body())
        .doesNotContainPattern(prefix + "-jaeger-span-2");
  }

  @Test
  void ingestOnlyAndQueryOnlyJaegersShareOneOpenSearch() throws Exception {
    String prefix = "roles";
    Role ingest1 = role("jaeger-ingest-1", prefix, "jaeger/jaeger-opensearch-collector.yaml");
    Role ingest2 = role("jaeger-ingest-2", prefix, "jaeger/jaeger-opensearch-collector.yaml");
    Role query = role("jaeger-query", prefix, "jaeger/jaeger-opensearch-query.yaml");

    // an order whose two traces reach different ingest instances (as tier 2 spreads trace ids)
    String orderId = "9" + System.nanoTime() % 1_000_000_000L;
    Order first = new Order(orderId);
    first.span(
        "shop-api",
        null,
        "POST /orders",
        SpanKind.SPAN_KIND_SERVER,
        Map.of("order.stage", "created"));
    Order second = new Order(orderId);
    second.span(
        "mes-api",
        null,
        "orders process",
        SpanKind.SPAN_KIND_CONSUMER,
        Map.of("order.stage", "in_production"));
    assertThat(Spans.post(ingest1.otlpTracesUrl(), first.request())).isEqualTo(200);
    assertThat(Spans.post(ingest2.otlpTracesUrl(), second.request())).isEqualTo(200);

    // the query-only instance finds the whole order
    await("order " + orderId + " through the query-only Jaeger")
        .atMost(FOUND_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> findOrderOrNull(query.queryUrl(), orderId),
            found ->
                found != null
                    && found.keySet().equals(java.util.Set.of(first.traceId, second.traceId)));

    // and each role listens only where it should
    assertThat(PipelineProcesses.status(ingest1.queryUrl() + "/api/services")).isEqualTo(-1);
    assertThat(Spans.post(query.otlpTracesUrl(), first.request())).isEqualTo(-1);
  }

  /** A Jaeger in one role: jaeger-opensearch.yaml plus a role overlay, on free ports. */
  private record Role(int queryPort, int otlpHttpPort) {
    String queryUrl() {
      return "http://127.0.0.1:" + queryPort;
    }

    String otlpTracesUrl() {
      return "http://127.0.0.1:" + otlpHttpPort + "/v1/traces";
    }
  }

  private static Role role(String name, String prefix, String overlay) throws Exception {
    int health = PipelineProcesses.freePort();
    Role role = new Role(PipelineProcesses.freePort(), PipelineProcesses.freePort());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAEGER_HOST", "127.0.0.1");
    env.put("JAEGER_QUERY_HTTP_PORT", Integer.toString(role.queryPort()));
    env.put("JAEGER_QUERY_GRPC_PORT", Integer.toString(PipelineProcesses.freePort()));
    env.put("JAEGER_OTLP_GRPC_PORT", Integer.toString(PipelineProcesses.freePort()));
    env.put("JAEGER_OTLP_HTTP_PORT", Integer.toString(role.otlpHttpPort()));
    env.put("JAEGER_METRICS_PORT", Integer.toString(PipelineProcesses.freePort()));
    env.put("JAEGER_HEALTH_PORT", Integer.toString(health));
    env.put("OPENSEARCH_URL", openSearch.url());
    env.put("OPENSEARCH_INDEX_PREFIX", prefix);
    processes.start(
        name,
        List.of(
            JaegerProcess.binary(processes.repo).toString(),
            "--config=" + processes.repo.resolve("jaeger/jaeger-opensearch.yaml"),
            "--config=" + processes.repo.resolve(overlay)),
        env,
        "http://127.0.0.1:" + health + "/status",
        false);
    return role;
  }

  // ------------------------------------------------------------------ helpers

  /** One trace of an order: spans of several services, each with the order id. */
  private static final class Order {
    final String orderId;
    final String traceId = newTraceId();
    final Map<String, List<Span>> spans = new LinkedHashMap<>();
    private final long start = nowNanos() - 2_000_000_000L;
    private int next;

    Order(String orderId) {
      this.orderId = orderId;
    }

    String span(
        String service, String parent, String name, SpanKind kind, Map<String, String> attributes) {
      return add(service, parent, name, kind, attributes, false);
    }

    String failed(
        String service, String parent, String name, SpanKind kind, Map<String, String> attributes) {
      return add(service, parent, name, kind, attributes, true);
    }

    private String add(
        String service,
        String parent,
        String name,
        SpanKind kind,
        Map<String, String> attributes,
        boolean failed) {
      String id = newSpanId();
      Map<String, String> all = new TreeMap<>(attributes);
      all.put("order.id", orderId);
      Span.Builder s =
          Spans.span(traceId, id, parent, name, kind, start + next++ * 10_000_000L, 50, all);
      if (failed) {
        Spans.error(s)
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(start)
                    .addAttributes(
                        Spans.attr(
                            "exception.type",
                            "java.sql.SQLIntegrityConstraintViolationException")));
      }
      spans.computeIfAbsent(service, k -> new ArrayList<>()).add(s.build());
      return id;
    }

    List<Span> sentSpans() {
      return spans.values().stream().flatMap(List::stream).toList();
    }

    ExportTraceServiceRequest request() {
      ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
      spans.forEach(
          (service, list) ->
              request.addResourceSpans(Spans.request(service, list).getResourceSpans(0)));
      return request.build();
    }
  }

  private void awaitOrder(JaegerProcess jaeger, String orderId, int spans) {
    await("order " + orderId)
        .atMost(FOUND_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> findOrderOrNull(jaeger.queryUrl(), orderId),
            found -> found != null && spanCount(found) == spans);
  }

  /**
   * {@link #findOrder}, or null while Jaeger answers an error: right after the first spans the new
   * indices' shards are still starting, and OpenSearch answers 503 ("all shards failed").
   */
  private static Map<String, JsonNode> findOrderOrNull(String queryUrl, String orderId)
      throws IOException {
    try {
      return findOrder(queryUrl, orderId);
    } catch (AssertionError notYet) {
      return null;
    }
  }

  /**
   * The order lookup of bin/ordertrace: every service from /api/services, then
   * /api/traces?service=S&tags={"order.id":"X"}, merged by trace id. Any non-200 answer fails.
   */
  private static Map<String, JsonNode> findOrder(String queryUrl, String orderId)
      throws IOException {
    Map<String, JsonNode> traces = new LinkedHashMap<>();
    HttpResponse<String> services = PipelineProcesses.get(queryUrl + "/api/services");
    assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
    String tags = URLEncoder.encode("{\"order.id\":\"" + orderId + "\"}", StandardCharsets.UTF_8);
    for (JsonNode service : JSON.readTree(services.body()).path("data")) {
      HttpResponse<String> answer =
          PipelineProcesses.get(
              queryUrl
                  + "/api/traces?lookback=24h&limit=100&service="
                  + URLEncoder.encode(service.asText(), StandardCharsets.UTF_8)
                  + "&tags="
                  + tags);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      for (JsonNode trace : JSON.readTree(answer.body()).path("data")) {
        traces.merge(
            trace.path("traceID").asText(),
            trace,
            (a, b) -> a.path("spans").size() >= b.path("spans").size() ? a : b);
      }
    }
    return traces;
  }

  private static int spanCount(Map<String, JsonNode> traces) {
    return traces.values().stream().mapToInt(trace -> trace.path("spans").size()).sum();
  }

  private static Span byId(List<Span> spans, byte[] id) {
    return spans.stream()
        .filter(s -> java.util.Arrays.equals(s.getSpanId().toByteArray(), id))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("span " + HexFormat.of().formatHex(id) + " not stored"));
  }

  private long docCount(String index) throws IOException, InterruptedException {
    openSearch.get("/" + index + "/_refresh");
    JsonNode count = JSON.readTree(openSearch.get("/" + index + "/_count").body());
    return count.path("count").asLong(-1);
  }
}
