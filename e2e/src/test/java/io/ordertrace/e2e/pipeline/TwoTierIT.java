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
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.JaegerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The scaled layout (P4): tier 1 (load_balancing by trace id) -> two tier-2 samplers -> Jaeger.
 * Each trace's spans go out in three separate requests, the error last. Only if all of them reach
 * the same tier-2 instance does its tail sampler see the error and keep the earlier, plain spans; a
 * split trace would lose them (75 % of the time, per trace).
 */
class TwoTierIT {
  private static PipelineProcesses processes;

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void spansOfOneTraceSentThroughTier1LandTogether() {
    processes = new PipelineProcesses("TwoTierIT");
    JaegerProcess jaeger = processes.jaeger("jaeger");
    List<PipelineProcesses.Collector> tier2 = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      tier2.add(
          processes
          .new Collector(
              "tier2-" + i,
              List.of(
                  "collector-config/otelcol.yaml", "collector-config/otelcol-tier2-sampler.yaml"),
              Map.of("JAEGER_OTLP_GRPC_ENDPOINT", jaeger.otlpGrpcEndpoint())));
    }
    PipelineProcesses.Collector tier1 =
        processes
        .new Collector(
            "tier1",
            List.of("collector-config/otelcol-tier1-loadbalancer.yaml"),
            Map.of(
                "OTELCOL_TIER2_HOSTNAMES",
                "[127.0.0.1:"
                    + tier2.get(0).otlpGrpc
                    + ", 127.0.0.1:"
                    + tier2.get(1).otlpGrpc
                    + "]"));

    List<String> traces = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String t = newTraceId();
      String root = newSpanId();
      long start = nowNanos();
      postAccepted(
          tier1.tracesUrl(),
          "tier-test",
          span(t, root, null, "GET /api/catalog", SpanKind.SPAN_KIND_SERVER, start, 40, Map.of()));
      postAccepted(
          tier1.tracesUrl(),
          "tier-test",
          span(
              t,
              newSpanId(),
              root,
              "cache get",
              SpanKind.SPAN_KIND_CLIENT,
              start + 1_000_000,
              5,
              Map.of()));
      postAccepted(
          tier1.tracesUrl(),
          "tier-test",
          error(
              span(
                  t,
                  newSpanId(),
                  root,
                  "SELECT catalog",
                  SpanKind.SPAN_KIND_CLIENT,
                  start + 2_000_000,
                  5,
                  Map.of())));
      traces.add(t);
    }
    List<String> incomplete = new ArrayList<>(traces);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              incomplete.removeIf(t -> Spans.trace(jaeger.queryUrl(), t).size() == 3);
              assertThat(incomplete).as("traces not complete in Jaeger").isEmpty();
            });
    long[] perInstance = new long[2];
    for (int i = 0; i < 2; i++) {
      perInstance[i] = acceptedSpans(tier2.get(i));
    }
    System.out.printf(
        "two tiers: tier-2 instances received %d and %d spans%n", perInstance[0], perInstance[1]);
    assertThat(perInstance[0]).as("tier-2 instance 0 got a share").isPositive();
    assertThat(perInstance[1]).as("tier-2 instance 1 got a share").isPositive();
    assertThat(perInstance[0] + perInstance[1]).isEqualTo(120);
  }

  private static final Pattern ACCEPTED =
      Pattern.compile(
          "otelcol_receiver_accepted_spans[a-z_]*\\{[^}]*receiver=\"otlp\"[^}]*\\} ([0-9.e+]+)");

  private static long acceptedSpans(PipelineProcesses.Collector c) {
    String metrics = PipelineProcesses.get("http://" + c.selfMetricsTarget() + "/metrics").body();
    long sum = 0;
    Matcher m = ACCEPTED.matcher(metrics);
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
