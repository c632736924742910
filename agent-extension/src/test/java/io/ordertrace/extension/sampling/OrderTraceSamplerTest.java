/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTraceSamplerTest {

  private static Sampler sampler(String ratio) {
    return OrderTraceSamplerProvider.create(
        OrderTraceConfig.parse(
            PropertySource.of(Collections.singletonMap("ordertrace.sampler.ratio", ratio)),
            (p, v, r) -> {}));
  }

  private static SamplingDecision decide(Sampler sampler, Context parent, String path) {
    return sampler
        .shouldSample(
            parent,
            IdGenerator.random().generateTraceId(),
            "GET",
            SpanKind.SERVER,
            Attributes.of(AttributeKey.stringKey("url.path"), path),
            Collections.emptyList())
        .getDecision();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/actuator/health/readiness", "/metrics", "/ready", "/live"})
  void healthChecksAreNeverSampled(String path) {
    assertThat(decide(sampler("1.0"), Context.root(), path)).isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void rootsWithAnOrderAreAlwaysSampled() {
    Context withOrder = Context.root().with(Baggage.builder().put("order.id", "100042").build());
    Sampler sampler = sampler("0.0");
    for (int i = 0; i < 100; i++) {
      assertThat(decide(sampler, withOrder, "/api/orders/100042"))
          .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }
  }

  @Test
  void plainTrafficFollowsTheRatio() {
    Sampler sampler = sampler("0.25");
    int sampled = 0;
    for (int i = 0; i < 4000; i++) {
      if (decide(sampler, Context.root(), "/api/catalog") == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }
    assertThat(sampled).isBetween(800, 1200);
    assertThat(decide(sampler("0.0"), Context.root(), "/api/catalog"))
        .isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void childrenFollowTheirParent() {
    SpanContext sampledParent =
        SpanContext.createFromRemoteParent(
            IdGenerator.random().generateTraceId(),
            IdGenerator.random().generateSpanId(),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Context parent = Context.root().with(Span.wrap(sampledParent));
    assertThat(decide(sampler("0.0"), parent, "/health"))
        .as("a sampled caller's trace stays whole")
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(sampler("1.0").getDescription()).contains("OrderTraceSampler");
  }
}
