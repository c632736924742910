/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderLoadTest {

  private final OrderLoad load = new OrderLoad(7, 1_700_000_000_000_000_000L, 1_000_000L);

  @Test
  void everyOrderIsTwoTracesOfTwentySpansEachCarryingItsOrderId() {
    ExportTraceServiceRequest request = load.request(0, 3);
    List<Span> spans =
        request.getResourceSpansList().stream()
            .flatMap(r -> r.getScopeSpansList().stream())
            .flatMap(s -> s.getSpansList().stream())
            .toList();

    assertThat(spans).hasSize(3 * OrderLoad.SPANS_PER_ORDER);
    assertThat(spans.stream().map(Span::getTraceId).collect(Collectors.toSet()))
        .hasSize(3 * OrderLoad.TRACES_PER_ORDER);
    for (Span span : spans) {
      assertThat(span.getAttributesList())
          .anySatisfy(
              kv -> {
                assertThat(kv.getKey()).isEqualTo("order.id");
                assertThat(kv.getValue().getStringValue())
                    .isIn(OrderLoad.orderId(0), OrderLoad.orderId(1), OrderLoad.orderId(2));
              });
    }
    Set<String> services =
        request.getResourceSpansList().stream()
            .map(r -> r.getResource().getAttributes(0).getValue().getStringValue())
            .collect(Collectors.toSet());
    assertThat(services).containsExactlyInAnyOrderElementsOf(OrderLoad.SERVICES);
  }

  @Test
  void parentsAreSpansOfTheSameTraceAndIdsAreReproducible() {
    List<Span> spans =
        load.request(5, 6).getResourceSpansList().stream()
            .flatMap(r -> r.getScopeSpansList().stream())
            .flatMap(s -> s.getSpansList().stream())
            .toList();
    for (Span span : spans) {
      if (!span.getParentSpanId().isEmpty()) {
        assertThat(spans)
            .anySatisfy(
                parent -> {
                  assertThat(parent.getSpanId()).isEqualTo(span.getParentSpanId());
                  assertThat(parent.getTraceId()).isEqualTo(span.getTraceId());
                });
      }
    }
    assertThat(load.request(5, 6).toByteArray()).isEqualTo(load.request(5, 6).toByteArray());
  }
}
