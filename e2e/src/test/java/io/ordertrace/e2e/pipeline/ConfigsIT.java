/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.postAccepted;
import static io.ordertrace.e2e.pipeline.Spans.rootSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrace.testing.Command;
import io.ordertrace.testing.JaegerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every collector config passes the binary's validate; Jaeger starts with each of its configs in
 * jaeger/ (OpenSearch: OpenSearchStoreIT), stores what it is sent and answers an order lookup;
 * Badger's retention removes spans once their TTL has passed.
 */
class ConfigsIT {
  private PipelineProcesses processes;

  @AfterEach
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void everyCollectorConfigPassesValidate() throws Exception {
    processes = new PipelineProcesses("ConfigsIT-validate");
    String c = processes.repo.resolve("collector-config").toString();
    List<List<String>> sets =
        List.of(
            List.of(c + "/otelcol.yaml"),
            List.of(c + "/otelcol.yaml", c + "/otelcol-tls-auth.yaml"),
            List.of(c + "/otelcol.yaml", c + "/otelcol-archive.yaml"),
            List.of(c + "/otelcol-tier1-loadbalancer.yaml"),
            List.of(c + "/otelcol.yaml", c + "/otelcol-tier2-sampler.yaml"),
            List.of(
                c + "/otelcol.yaml",
                c + "/otelcol-tier2-sampler.yaml",
                c + "/otelcol-archive.yaml"),
            List.of(
                c + "/otelcol.yaml",
                c + "/otelcol-tier2-sampler.yaml",
                c + "/otelcol-tls-auth.yaml"));
    for (List<String> configs : sets) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "env",
                  "OTELCOL_BEARER_TOKEN=t",
                  "OTELCOL_TLS_CERT_FILE=/nonexistent/cert.pem",
                  "OTELCOL_TLS_KEY_FILE=/nonexistent/key.pem",
                  "ARCHIVE_S3_BUCKET=validate-bucket",
                  processes.otelcol.toString(),
                  "validate"));
      configs.forEach(f -> cmd.add("--config=" + f));
      Command.run(cmd, Duration.ofSeconds(60))
          .orThrow(); // throws with the output on a non-zero exit
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = JaegerProcess.Storage.class,
      names = {"MEMORY", "BADGER"})
  void jaegerStartsWithItsConfigAndFindsAnOrderByItsId(JaegerProcess.Storage storage) {
    processes =
        new PipelineProcesses(
            "ConfigsIT-jaeger-" + storage.name().toLowerCase(java.util.Locale.ROOT));
    JaegerProcess jaeger = processes.jaeger("jaeger", storage, Map.of());
    String traceId = newTraceId();
    String orderId = "cfg-" + System.nanoTime();
    postAccepted(
        jaeger.otlpTracesUrl(),
        "configs-test",
        rootSpan(traceId, "POST /api/orders", nowNanos(), 3, Map.of("order.id", orderId)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Spans.searchByTag(jaeger.queryUrl(), "order.id", orderId))
                    .containsExactly(traceId));
    assertThat(Spans.trace(jaeger.queryUrl(), traceId))
        .singleElement()
        .satisfies(s -> assertThat(Spans.attribute(s, "order.id")).isEqualTo(orderId));
  }

  @Test
  void badgerRetentionRemovesSpansOnceTheirTtlHasPassed() {
    processes = new PipelineProcesses("ConfigsIT-jaeger-ttl");
    JaegerProcess jaeger =
        processes.jaeger("jaeger", JaegerProcess.Storage.BADGER, Map.of("JAEGER_RETENTION", "3s"));
    String traceId = newTraceId();
    postAccepted(
        jaeger.otlpTracesUrl(),
        "ttl-test",
        rootSpan(traceId, "expires", nowNanos(), 1, Map.of("order.id", "ttl-1")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Spans.trace(jaeger.queryUrl(), traceId).size() == 1);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Spans.trace(jaeger.queryUrl(), traceId).isEmpty());
  }
}
