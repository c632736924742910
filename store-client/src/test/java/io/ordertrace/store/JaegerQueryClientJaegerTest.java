/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OtlpSender;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real Jaeger v2 (jaeger/jaeger-memory.yaml): spans of one order in two
 * services, and of another order, go in over OTLP as agents send them; the order lookup must find
 * exactly the order's traces, merged across the per-service answers.
 */
class JaegerQueryClientJaegerTest {

  private static final Path REPO_ROOT =
      Paths.get(System.getProperty("ordertrace.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/jaeger-test")).toAbsolutePath();

  private static JaegerProcess jaeger;
  private static JaegerQueryClient client;
  private static final String ORDER =
      "SC-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String CREATE = randomHex(16);
  private static final String SHIP = randomHex(16);
  private static final String OTHER = randomHex(16);

  @BeforeAll
  static void startJaegerAndSendTwoOrders() throws Exception {
    jaeger = JaegerProcess.start(REPO_ROOT, WORK_DIR, JaegerProcess.Storage.MEMORY);
    client =
        JaegerQueryClient.builder(URI.create(jaeger.queryUrl()))
            .timeout(Duration.ofSeconds(5))
            .build();
    long t0 = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;
    Map<String, String> order = Map.of("order.id", ORDER);
    new OtlpSender()
        .span(
            "shop-api",
            CREATE,
            "1000000000000001",
            null,
            "POST /api/orders",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            0,
            300,
            with(order, "order.stage", "created"),
            null,
            null)
        .span(
            "crm-api",
            CREATE,
            "2000000000000001",
            "1000000000000001",
            "POST /crm/orders",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            20,
            250,
            with(order, "order.stage", "approved"),
            null,
            null)
        .span(
            "crm-api",
            SHIP,
            "3000000000000001",
            null,
            "POST /crm/orders/{id}/ship",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            1000,
            1100,
            with(order, "order.stage.failed", "shipped"),
            "carrier down",
            "java.net.ConnectException")
        .span(
            "shop-api",
            OTHER,
            "4000000000000001",
            null,
            "POST /api/orders",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            500,
            600,
            Map.of("order.id", ORDER + "-other"),
            null,
            null)
        .send(jaeger.otlpTracesUrl());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.services().containsAll(List.of("shop-api", "crm-api")));
  }

  @AfterAll
  static void stopJaeger() {
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void anOrderLookupAsksEveryServiceAndMergesTheTracesOldestFirst() {
    TraceSearch search =
        TraceSearch.builder()
            .tag("order.id", ORDER)
            .start(Instant.now().minusSeconds(3600))
            .end(Instant.now().plusSeconds(60))
            .build();

    TraceSearchResult result =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.findTraces(search), found -> found.traces().size() == 2);

    assertThat(result.errors()).isEmpty();
    assertThat(ids(result)).containsExactly(CREATE, SHIP);
    JsonNode create = result.traces().get(0);
    // asked once per service, the create trace comes back twice and is merged into one
    assertThat(create.get("spans")).hasSize(2);
    assertThat(create.get("processes")).hasSize(2);

    OrderJourney journey = OrderJourney.of(result.traces());
    assertThat(journey.stages())
        .extracting(OrderJourney.Stage::name)
        .containsExactly("created", "approved", "shipped");
    assertThat(journey.stages().get(2).failed()).isTrue();
    assertThat(journey.finished()).isFalse();
    OrderJourney.Failure failure = journey.firstFailure().orElseThrow();
    assertThat(failure.service()).isEqualTo("crm-api");
    assertThat(failure.exceptionType()).isEqualTo("java.net.ConnectException");
    assertThat(failure.message()).isEqualTo("carrier down");
  }

  @Test
  void oneServiceOnlyAndAnUnknownOrder() {
    TraceSearchResult crmOnly =
        client.findTraces(TraceSearch.builder().service("shop-api").tag("order.id", ORDER).build());
    assertThat(ids(crmOnly)).containsExactly(CREATE);
    assertThat(
            client
                .findTraces(TraceSearch.builder().tag("order.id", "no-such-order").build())
                .traces())
        .isEmpty();
  }

  @Test
  void aTraceByIdInBothJsonForms() {
    ObjectNode jaegerJson = client.trace(CREATE).orElseThrow();
    assertThat(jaegerJson.get("traceID").asText()).isEqualTo(CREATE);
    assertThat(jaegerJson.get("spans")).hasSize(2);

    ObjectNode otlp = client.traceOtlp(CREATE).orElseThrow();
    assertThat(otlp.get("resourceSpans")).hasSize(2);

    assertThat(client.trace(randomHex(16))).isEmpty();
    assertThat(client.traceOtlp(randomHex(16))).isEmpty();
    assertThat(client.operations("crm-api"))
        .contains("POST /crm/orders", "POST /crm/orders/{id}/ship");
  }

  private static List<String> ids(TraceSearchResult result) {
    List<String> ids = new ArrayList<>();
    result.traces().forEach(trace -> ids.add(trace.get("traceID").asText()));
    return ids;
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 0x10; // no leading zero digit: the comparisons above use the id as generated
    return HexFormat.of().formatHex(random);
  }
}
