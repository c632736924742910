/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One order lookup as {@code bin/ordertrace find --order X} does it against Jaeger's HTTP query
 * API: {@code /api/services}, then {@code /api/traces?service=S&tags={"order.id":"X"}} for every
 * service, {@value #CONCURRENCY} at a time, over the last 30 days, merged by trace id.
 */
final class OrderLookup implements AutoCloseable {

  static final int CONCURRENCY = 4;
  static final Duration WINDOW = Duration.ofDays(30);
  static final int LIMIT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
  private final String queryUrl;

  OrderLookup(String queryUrl) {
    this.queryUrl = queryUrl;
  }

  /** What one lookup found: distinct traces and spans, and per-service failures. */
  record Found(int traces, int spans, List<String> errors) {}

  Found find(String orderId) throws IOException, InterruptedException {
    List<String> services = new ArrayList<>();
    JSON.readTree(get("/api/services"))
        .path("data")
        .forEach(service -> services.add(service.asText()));
    Instant end = Instant.now().plusSeconds(60);
    Instant start = end.minus(WINDOW);
    String tags = URLEncoder.encode("{\"order.id\":\"" + orderId + "\"}", StandardCharsets.UTF_8);
    List<Future<JsonNode>> answers = new ArrayList<>();
    for (String service : services) {
      String path =
          "/api/traces?service="
              + URLEncoder.encode(service, StandardCharsets.UTF_8)
              + "&tags="
              + tags
              + "&start="
              + micros(start)
              + "&end="
              + micros(end)
              + "&limit="
              + LIMIT;
      answers.add(pool.submit(() -> JSON.readTree(get(path))));
    }
    Map<String, Set<String>> spansByTrace = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode answer;
      try {
        answer = answers.get(i).get();
      } catch (ExecutionException e) {
        errors.add(services.get(i) + ": " + e.getCause());
        continue;
      }
      for (JsonNode trace : answer.path("data")) {
        Set<String> spans =
            spansByTrace.computeIfAbsent(trace.path("traceID").asText(), id -> new HashSet<>());
        trace.path("spans").forEach(span -> spans.add(span.path("spanID").asText()));
      }
    }
    int spans = spansByTrace.values().stream().mapToInt(Set::size).sum();
    return new Found(spansByTrace.size(), spans, errors);
  }

  private String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(queryUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new UncheckedIOException(
          new IOException(
              pathAndQuery + " answered " + response.statusCode() + ": " + response.body()));
    }
    return response.body();
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
