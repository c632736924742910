/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OpenSearchNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Ingest rate and order-lookup latency of Jaeger v2 with a million spans or more stored, on Badger
 * and on OpenSearch, each started exactly as the tests start them (test-support's {@link
 * JaegerProcess} with the repository's {@code jaeger/*.yaml}, {@link OpenSearchNode}). Run it with
 * {@code bench/store-lookup.sh}; results in docs/performance.md.
 */
public final class StoreLookupBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(5);
  private static final int WARM_UP_LOOKUPS = 20;

  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private StoreLookupBenchmark(BenchOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    Path repo =
        Paths.get(System.getProperty("ordertrace.repo.root", ".")).toAbsolutePath().normalize();
    BenchOptions options;
    try {
      options = BenchOptions.parse(Arrays.asList(args), repo);
    } catch (IllegalArgumentException e) {
      System.err.println("store-lookup: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    if (!Files.isRegularFile(repo.resolve("jaeger/jaeger-local.yaml"))) {
      System.err.println(
          "store-lookup: " + repo + " is not the repository root (no jaeger/jaeger-local.yaml)");
      System.exit(2);
      return;
    }
    int failures;
    try {
      failures =
          new StoreLookupBenchmark(options, System.out, System.err).run(String.join(" ", args));
    } catch (Exception e) {
      // a store that did not start or a load that ran out of time: its message (with the
      // process's log tail) says why; a stack trace would not add to it
      System.err.println("store-lookup: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private int run(String commandLine) throws Exception {
    out.println("# Trace store: ingest and order lookup");
    out.println("date     " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    out.println("command  bench/store-lookup.sh " + commandLine);
    out.println("machine  " + Machine.describe());
    int failures = 0;
    for (String store : options.stores()) {
      failures += runOn(store);
    }
    out.println("load     " + Machine.loadAverage() + " (1/5/15 min, after the run)");
    return failures;
  }

  private int runOn(String store) throws Exception {
    Path storeDir = options.workDir().resolve(store);
    deleteRecursively(storeDir);
    Files.createDirectories(storeDir);
    err.println("== " + store + ": starting");
    OpenSearchNode node = null;
    JaegerProcess jaeger = null;
    try {
      if (store.equals("opensearch")) {
        System.setProperty("ordertrace.opensearch.heap", options.openSearchHeap());
        node = OpenSearchNode.start(options.repoRoot(), storeDir);
        jaeger =
            JaegerProcess.startOnOpenSearch(
                options.repoRoot(), storeDir.resolve("jaeger"), node.url());
      } else {
        jaeger =
            JaegerProcess.start(
                options.repoRoot(), storeDir.resolve("jaeger"), JaegerProcess.Storage.BADGER);
      }
      return measure(store, jaeger, node);
    } finally {
      if (jaeger != null) {
        jaeger.close();
      }
      if (node != null) {
        node.close();
      }
      if (!options.keep()) {
        deleteRecursively(storeDir);
      }
    }
  }

  private int measure(String store, JaegerProcess jaeger, OpenSearchNode node) throws Exception {
    int orders = options.orders();
    // orders spread over the six hours before now, so every lookup window holds all of them
    Duration spread = Duration.ofHours(6);
    long spacing = spread.toNanos() / orders;
    long first =
        Instant.now().minus(spread).minus(Duration.ofMinutes(5)).toEpochMilli() * 1_000_000L;
    OrderLoad load = new OrderLoad(System.nanoTime(), first, spacing);

    loadAvg("before load");
    Ingest.Result ingest =
        new Ingest(load, jaeger.otlpTracesUrl(), options.senders())
            .run(
                orders,
                Duration.ofMinutes(options.maxMinutes()),
                new ProgressLine(err, store + " load, spans"));
    int failures = 0;
    try (OrderLookup lookup = new OrderLookup(jaeger.queryUrl())) {
      long visibleStart = System.nanoTime();
      awaitFound(lookup, OrderLoad.orderId(orders - 1));
      awaitFound(lookup, OrderLoad.orderId(0));
      double visibleSeconds = (System.nanoTime() - visibleStart) / 1e9;

      Random random = new Random(42);
      for (int i = 0; i < WARM_UP_LOOKUPS; i++) {
        lookup.find(OrderLoad.orderId(random.nextInt(orders)));
      }
      loadAvg("before lookups");
      Latencies found = new Latencies();
      int wrong = 0;
      String firstWrong = null;
      for (int i = 0; i < options.lookups(); i++) {
        String orderId = OrderLoad.orderId(random.nextInt(orders));
        long start = System.nanoTime();
        OrderLookup.Found result = lookup.find(orderId);
        found.add(System.nanoTime() - start);
        if (result.traces() != OrderLoad.TRACES_PER_ORDER
            || result.spans() != OrderLoad.SPANS_PER_ORDER
            || !result.errors().isEmpty()) {
          wrong++;
          if (firstWrong == null) {
            firstWrong = orderId + ": " + result;
          }
        }
      }
      Latencies unknown = new Latencies();
      int unknownWrong = 0;
      for (int i = 0; i < Math.max(1, options.lookups() / 10); i++) {
        long start = System.nanoTime();
        OrderLookup.Found result =
            lookup.find(OrderLoad.orderId(orders + 1 + random.nextInt(1_000_000)));
        unknown.add(System.nanoTime() - start);
        if (result.traces() != 0 || !result.errors().isEmpty()) {
          unknownWrong++;
        }
      }

      out.println();
      out.println(
          "## "
              + store
              + (node == null
                  ? " (jaeger/jaeger-local.yaml)"
                  : " (jaeger/jaeger-opensearch.yaml, 1 node, heap "
                      + options.openSearchHeap()
                      + ")"));
      out.printf(
          Locale.ROOT,
          "stored   %,d spans: %,d orders x %d traces x %d spans, %d services%n",
          ingest.spans(),
          orders,
          OrderLoad.TRACES_PER_ORDER,
          OrderLoad.SPANS_PER_ORDER / OrderLoad.TRACES_PER_ORDER,
          OrderLoad.SERVICES.size());
      out.printf(
          Locale.ROOT,
          "ingest   %,.0f spans/s (%.1f s; OTLP/HTTP protobuf straight to Jaeger, %d senders, %d spans/request, %d retries)%n",
          ingest.spansPerSecond(),
          ingest.nanos() / 1e9,
          options.senders(),
          Ingest.ORDERS_PER_REQUEST * OrderLoad.SPANS_PER_ORDER,
          ingest.retries());
      out.printf(
          Locale.ROOT,
          "visible  newest and oldest order found %.1f s after the load ended%n",
          visibleSeconds);
      out.printf(
          Locale.ROOT,
          "lookup   %d known orders: %s; %d answers not exactly %d traces/%d spans%n",
          found.count(),
          found.summary(),
          wrong,
          OrderLoad.TRACES_PER_ORDER,
          OrderLoad.SPANS_PER_ORDER);
      out.printf(
          Locale.ROOT,
          "unknown  %d unknown orders: %s; %d answers not empty%n",
          unknown.count(),
          unknown.summary(),
          unknownWrong);
      out.printf(
          Locale.ROOT,
          "goal     p95 < 100 ms: %s%n",
          found.percentileMillis(95) < 100 ? "met" : "NOT met");
      out.println("size     " + storeSize(jaeger, node));
      out.println("memory   " + memory(jaeger, node));
      if (firstWrong != null) {
        out.println("first wrong answer: " + firstWrong);
      }
      failures += wrong + unknownWrong;
    }
    return failures;
  }

  /**
   * Waits until the order's spans are all searchable (OpenSearch refreshes its indices every
   * second).
   */
  private void awaitFound(OrderLookup lookup, String orderId) throws Exception {
    long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
    OrderLookup.Found last = null;
    while (System.nanoTime() < deadline) {
      last = lookup.find(orderId);
      if (last.spans() == OrderLoad.SPANS_PER_ORDER) {
        return;
      }
      Thread.sleep(200); // polling interval while the store catches up
    }
    throw new IllegalStateException(
        "order " + orderId + " not complete after " + VISIBLE_TIMEOUT + ": " + last);
  }

  private void loadAvg(String when) {
    err.println("  load average " + when + ": " + Machine.loadAverage());
  }

  private static String storeSize(JaegerProcess jaeger, OpenSearchNode node) throws Exception {
    if (node == null) {
      return String.format(
          Locale.ROOT,
          "%.0f MiB on disk in the Badger directory (du; its files are preallocated)",
          Machine.diskUsageKiB(jaeger.dataDir()) / 1024.0);
    }
    node.get("/_refresh");
    JsonNode indices =
        JSON.readTree(node.get("/_cat/indices?format=json&bytes=b&h=index,store.size").body());
    long bytes = 0;
    StringBuilder names = new StringBuilder();
    for (JsonNode index : indices) {
      bytes += index.path("store.size").asLong();
      names.append(names.length() == 0 ? "" : ", ").append(index.path("index").asText());
    }
    // _count counts span documents; _cat's docs.count would add Lucene's nested tag documents
    long spans = JSON.readTree(node.get("/*-jaeger-span-*/_count").body()).path("count").asLong(-1);
    return String.format(
        Locale.ROOT,
        "%.0f MiB in OpenSearch, %,d span documents (%s)",
        bytes / 1048576.0,
        spans,
        names);
  }

  private static String memory(JaegerProcess jaeger, OpenSearchNode node) {
    String text = "Jaeger RSS " + Machine.rssMiB(jaeger.pid()) + " MiB";
    if (node != null) {
      text += ", OpenSearch RSS " + Machine.rssMiB(node.pid()) + " MiB";
    }
    return text + " (at the end)";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
