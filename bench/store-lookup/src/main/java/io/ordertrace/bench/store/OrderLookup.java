/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrace.store.JaegerQueryClient;
import io.ordertrace.store.StoreException;
import io.ordertrace.store.TraceSearch;
import io.ordertrace.store.TraceSearchResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One order lookup exactly as {@code bin/ordertrace find --order X} and the gateway's fan-out do
 * it: store-client's {@link JaegerQueryClient#findTraces} with the tag {@code order.id}, no service
 * ({@code /api/services}, then {@code /api/traces?service=S&tags={"order.id":"X"}} for every
 * service, {@value #CONCURRENCY} at a time, merged by trace id), over the last 30 days.
 */
final class OrderLookup implements AutoCloseable {

  static final int CONCURRENCY = 4;
  static final Duration WINDOW = Duration.ofDays(30);
  static final int LIMIT = 100;

  private final JaegerQueryClient client;

  OrderLookup(String queryUrl) {
    this.client =
        JaegerQueryClient.builder(URI.create(queryUrl))
            .timeout(Duration.ofSeconds(30))
            .maxConcurrency(CONCURRENCY)
            .build();
  }

  /** What one lookup found: distinct traces and spans, and per-service failures. */
  record Found(int traces, int spans, List<String> errors) {}

  Found find(String orderId) {
    Instant end = Instant.now().plusSeconds(60);
    TraceSearchResult result;
    try {
      result =
          client.findTraces(
              TraceSearch.builder()
                  .tag("order.id", orderId)
                  .start(end.minus(WINDOW))
                  .end(end)
                  .limit(LIMIT)
                  .build());
    } catch (StoreException e) {
      return new Found(0, 0, List.of(e.getMessage()));
    }
    // Count distinct span ids per trace: the merged answer must hold each span once.
    Map<String, Set<String>> spansByTrace = new HashMap<>();
    for (JsonNode trace : result.traces()) {
      Set<String> spans =
          spansByTrace.computeIfAbsent(trace.path("traceID").asText(), id -> new HashSet<>());
      trace.path("spans").forEach(span -> spans.add(span.path("spanID").asText()));
    }
    int spans = spansByTrace.values().stream().mapToInt(Set::size).sum();
    return new Found(spansByTrace.size(), spans, new ArrayList<>(result.errors()));
  }

  @Override
  public void close() {
    // JaegerQueryClient holds no resources beyond the JDK HttpClient's pooled connections.
  }
}
