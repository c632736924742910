/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the orders to an OTLP/HTTP endpoint from a few threads, as fast as the store takes them.
 */
final class Ingest {

  /** Orders per request: 25 x 20 = 500 spans, about what a collector's batch processor sends. */
  static final int ORDERS_PER_REQUEST = 25;

  private static final int ATTEMPTS = 8;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final OrderLoad load;
  private final URI endpoint;
  private final int senders;

  Ingest(OrderLoad load, String otlpTracesUrl, int senders) {
    this.load = load;
    this.endpoint = URI.create(otlpTracesUrl);
    this.senders = senders;
  }

  /** What the load did. */
  record Result(int orders, long spans, long nanos, long retries) {
    double spansPerSecond() {
      return spans / (nanos / 1e9);
    }
  }

  /**
   * Sends orders 0 .. orders-1; fails when a request is refused {@value #ATTEMPTS} times or time
   * runs out.
   */
  Result run(int orders, Duration deadline, ProgressLine progress) throws Exception {
    int requests = (orders + ORDERS_PER_REQUEST - 1) / ORDERS_PER_REQUEST;
    AtomicInteger next = new AtomicInteger();
    AtomicLong sentSpans = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                    if (System.nanoTime() > end) {
                      throw new IllegalStateException("load not done within " + deadline);
                    }
                    int from = r * ORDERS_PER_REQUEST;
                    int to = Math.min(orders, from + ORDERS_PER_REQUEST);
                    byte[] body = load.request(from, to).toByteArray();
                    retries.addAndGet(send(body));
                    long spans =
                        sentSpans.addAndGet((long) (to - from) * OrderLoad.SPANS_PER_ORDER);
                    progress.update(spans, (long) orders * OrderLoad.SPANS_PER_ORDER);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    progress.done();
    return new Result(orders, sentSpans.get(), System.nanoTime() - start, retries.get());
  }

  /** POSTs one request; returns how many retries it needed. */
  private int send(byte[] body) throws IOException, InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return attempt;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100L << attempt); // backoff before the retry, as an OTLP exporter does
    }
    throw new IOException("OTLP export refused " + ATTEMPTS + " times, last: " + last);
  }
}
