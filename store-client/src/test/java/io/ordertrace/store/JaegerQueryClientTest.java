/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour: headers, fan-out limits, and every failure a store can show (refused
 * connection, slow answer, error status, non-JSON body). Behaviour against a real Jaeger is in
 * {@link JaegerQueryClientJaegerTest}.
 */
class JaegerQueryClientTest {

  private HttpServer server;
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, String> seenHeaders = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile CountDownLatch release = new CountDownLatch(0);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      String key = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        String service =
            URLDecoder.decode(
                query.replaceAll(".*service=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        key = key + "?" + service;
        if (service.startsWith("slow")) {
          release.await(10, TimeUnit.SECONDS);
        }
      }
      String auth = exchange.getRequestHeaders().getFirst("X-Grafana-User");
      if (auth != null) {
        seenHeaders.put("X-Grafana-User", auth);
      }
      String body =
          answers.getOrDefault(
              key, "{\"data\":null,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}");
      int status = statuses.getOrDefault(key, answers.containsKey(key) ? 200 : 404);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private JaegerQueryClient client() {
    return JaegerQueryClient.builder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .timeout(Duration.ofSeconds(2))
        .header("X-Grafana-User", "dev1")
        .maxConcurrency(2)
        .build();
  }

  private static String traces(String traceId, String spanId, long start, String service) {
    return """
        {"data":[{"traceID":"%s","spans":[{"traceID":"%s","spanID":"%s","operationName":"op","startTime":%d,"duration":1,"processID":"p1","tags":[]}],
        "processes":{"p1":{"serviceName":"%s","tags":[]}}}],"total":0,"limit":0,"offset":0,"errors":null}"""
        .formatted(traceId, traceId, spanId, start, service);
  }

  @Test
  void fansOutOverEveryServiceAtMostMaxConcurrencyAtOnceAndMergesOldestFirst() {
    answers.put("/api/services", "{\"data\":[\"b\",\"a\",\"c\",\"d\",\"e\"],\"total\":5}");
    answers.put("/api/traces?a", traces("1", "s1", 200, "a"));
    answers.put("/api/traces?b", traces("1", "s2", 210, "b"));
    answers.put("/api/traces?c", traces("2", "s3", 100, "c"));
    answers.put("/api/traces?d", "{\"data\":[],\"errors\":null}");
    answers.put("/api/traces?e", "{\"data\":[],\"errors\":null}");

    TraceSearchResult result =
        client().findTraces(TraceSearch.builder().tag("order.id", "A-1").build());

    assertThat(result.errors()).isEmpty();
    assertThat(result.traces()).hasSize(2);
    assertThat(result.traces().get(0).get("traceID").asText()).endsWith("2");
    assertThat(result.traces().get(1).get("spans")).hasSize(2);
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(2);
    assertThat(seenHeaders).containsEntry("X-Grafana-User", "dev1");
  }

  @Test
  void aFailingServiceIsNamedInErrorsAndTheOthersStillAnswer() {
    answers.put("/api/services", "{\"data\":[\"a\",\"broken\"]}");
    answers.put("/api/traces?a", traces("1", "s1", 200, "a"));
    answers.put(
        "/api/traces?broken",
        "{\"data\":null,\"errors\":[{\"code\":500,\"msg\":\"storage down\"}]}");
    statuses.put("/api/traces?broken", 500);

    TraceSearchResult result = client().findTraces(TraceSearch.builder().build());

    assertThat(result.traces()).hasSize(1);
    assertThat(result.errors())
        .singleElement()
        .asString()
        .startsWith("service broken: the trace store at http://127.0.0.1:")
        .contains("/api/traces?service=broken")
        .endsWith("answered HTTP 500: storage down");
  }

  @Test
  void whenEveryServiceFailsTheFailureIsThrown() {
    answers.put("/api/services", "{\"data\":[\"a\"]}");
    answers.put("/api/traces?a", "<html>proxy error</html>");

    assertThatThrownBy(() -> client().findTraces(TraceSearch.builder().build()))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StoreException.Kind.BAD_RESPONSE);
              assertThat(e.getMessage())
                  .contains("/api/traces?service=a")
                  .contains("not JSON: <html>proxy error</html>");
            });
  }

  @Test
  void aSlowStoreTimesOutWithTheUrlInTheMessage() {
    answers.put("/api/traces?slow", traces("1", "s1", 1, "slow"));
    release = new CountDownLatch(1);
    JaegerQueryClient client =
        JaegerQueryClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .timeout(Duration.ofMillis(300))
            .build();

    assertThatThrownBy(() -> client.findTraces(TraceSearch.builder().service("slow").build()))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StoreException.Kind.UNREACHABLE);
              assertThat(e.getMessage())
                  .startsWith("no answer from the trace store at http://127.0.0.1:")
                  .endsWith("within 300 ms");
            });
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    JaegerQueryClient client =
        JaegerQueryClient.builder(URI.create("http://127.0.0.1:" + port)).build();

    assertThatThrownBy(client::services)
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StoreException.Kind.UNREACHABLE);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "cannot reach the trace store at http://127.0.0.1:"
                          + port
                          + "/api/services (connection refused)");
            });
  }

  @Test
  void anUnknownTraceIsEmptyAndABadIdIsRefusedBeforeAsking() {
    assertThat(client().trace("abc")).isEmpty();
    assertThat(client().traceOtlp("abc")).isEmpty();
    assertThatThrownBy(() -> client().trace("xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().trace("1".repeat(33)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTraceByIdIsPaddedAndNormalized() {
    answers.put("/api/traces/" + "0".repeat(29) + "abc", traces("abc", "s1", 5, "a"));
    assertThat(client().trace("ABC"))
        .hasValueSatisfying(
            trace -> assertThat(trace.get("traceID").asText()).isEqualTo("0".repeat(29) + "abc"));
  }

  @Test
  void servicesAndOperationsAreSorted() {
    answers.put("/api/services", "{\"data\":[\"b\",\"a\"]}");
    answers.put("/api/services/crm api/operations", "{\"data\":[\"z\",\"y\"]}");
    assertThat(client().services()).containsExactly("a", "b");
    assertThat(client().operations("crm api")).containsExactly("y", "z");
  }

  @Test
  void badBaseUrlsAndHeadersAreRefused() {
    assertThatThrownBy(() -> JaegerQueryClient.builder(URI.create("ftp://x")))
        .hasMessageContaining("http(s)://host");
    assertThatThrownBy(
            () -> JaegerQueryClient.builder(URI.create("http://x")).header("X-A", "a\r\nX-B: b"))
        .hasMessageContaining("CR, LF");
  }
}
