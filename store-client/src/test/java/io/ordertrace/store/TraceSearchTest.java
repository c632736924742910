/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceSearchTest {

  @Test
  void queryParametersAreJaegersInAStableOrderWithMicrosecondTimes() {
    TraceSearch search =
        TraceSearch.builder()
            .tag("order.id", "A-1")
            .tag("a", "b\"c")
            .operation("POST /api/orders")
            .start(Instant.parse("2026-11-29T10:00:00.000001Z"))
            .end(Instant.parse("2026-11-29T11:00:00Z"))
            .limit(20)
            .minDuration("100ms")
            .maxDuration("1.5s")
            .build();

    assertThat(search.toQueryParameters("crm-api"))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("service", "crm-api"),
            org.assertj.core.api.Assertions.entry("operation", "POST /api/orders"),
            org.assertj.core.api.Assertions.entry(
                "tags", "{\"a\":\"b\\\"c\",\"order.id\":\"A-1\"}"),
            org.assertj.core.api.Assertions.entry("start", "1795946400000001"),
            org.assertj.core.api.Assertions.entry("end", "1795950000000000"),
            org.assertj.core.api.Assertions.entry("limit", "20"),
            org.assertj.core.api.Assertions.entry("minDuration", "100ms"),
            org.assertj.core.api.Assertions.entry("maxDuration", "1.5s"));
  }

  @Test
  void emptySearchAsksOnlyForTheService() {
    assertThat(TraceSearch.builder().service(" ").build().service()).isNull();
    assertThat(TraceSearch.builder().build().toQueryParameters("shop-api"))
        .containsOnlyKeys("service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "1.5", "ms", "1 s", "-1s", "1d"})
  void durationsThatJaegerWouldRefuseAreRefusedHere(String duration) {
    assertThatThrownBy(() -> TraceSearch.builder().minDuration(duration))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(duration);
  }

  @Test
  void endBeforeStartIsRefused() {
    assertThatThrownBy(
            () ->
                TraceSearch.builder()
                    .start(Instant.ofEpochSecond(10))
                    .end(Instant.ofEpochSecond(5))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
  }
}
