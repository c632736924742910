/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The command line of {@link StoreLookupBenchmark}, parsed and checked before anything starts. */
record BenchOptions(
    List<String> stores,
    int spans,
    int lookups,
    int senders,
    Path repoRoot,
    Path workDir,
    int maxMinutes,
    String openSearchHeap,
    boolean keep,
    boolean help) {

  static final String USAGE =
      """
      Usage: bench/store-lookup.sh [options]

      Loads order traces through OTLP/HTTP into Jaeger v2 (on Badger, on OpenSearch or both), then
      times order lookups the way bin/ordertrace does them: /api/services, then
      /api/traces?service=S&tags={\"order.id\":\"X\"} per service (4 at a time), merged by trace id.
      Everything runs on 127.0.0.1 and stops at the end; data lives under --work-dir.

        --store S            badger, opensearch or both (default both)
        --spans N            spans to load per store, 20 per order (default 1000000; 1000-10000000)
        --lookups N          timed lookups of stored orders (default 300; 10-100000); a tenth as many
                             lookups of unknown orders are timed separately
        --senders N          concurrent OTLP senders during the load (default 4; 1-32)
        --work-dir DIR       data of the stores (default bench/store-lookup/target/work)
        --max-minutes N      give up a store's load after N minutes (default 60; 1-600)
        --opensearch-heap H  heap of the OpenSearch node, e.g. 1g (default 1g)
        --keep               keep the stores' data after the run
        --help               this text

      Needs the Jaeger binary of tools/otel-binaries.sh and the jar of jaeger/opensearch-node.""";

  static BenchOptions parse(List<String> args, Path repoRoot) {
    List<String> stores = List.of("badger", "opensearch");
    int spans = 1_000_000;
    int lookups = 300;
    int senders = 4;
    Path workDir = repoRoot.resolve("bench/store-lookup/target/work");
    int maxMinutes = 60;
    String heap = "1g";
    boolean keep = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> {
          return new BenchOptions(
              stores, spans, lookups, senders, repoRoot, workDir, maxMinutes, heap, keep, true);
        }
        case "--keep" -> keep = true;
        case "--store",
            "--spans",
            "--lookups",
            "--senders",
            "--work-dir",
            "--max-minutes",
            "--opensearch-heap" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(arg + " needs a value (see --help)");
          }
          String value = args.get(++i);
          switch (arg) {
            case "--store" ->
                stores =
                    switch (value) {
                      case "badger" -> List.of("badger");
                      case "opensearch" -> List.of("opensearch");
                      case "both" -> List.of("badger", "opensearch");
                      default ->
                          throw new IllegalArgumentException(
                              "--store '" + value + "': expected badger, opensearch or both");
                    };
            case "--spans" -> spans = number(arg, value, 1000, 10_000_000);
            case "--lookups" -> lookups = number(arg, value, 10, 100_000);
            case "--senders" -> senders = number(arg, value, 1, 32);
            case "--max-minutes" -> maxMinutes = number(arg, value, 1, 600);
            case "--work-dir" -> {
              if (value.isBlank()) {
                throw new IllegalArgumentException("--work-dir must not be empty");
              }
              workDir = Paths.get(value);
            }
            default -> {
              if (!value.matches("[1-9][0-9]{0,4}[mg]")) {
                throw new IllegalArgumentException(
                    "--opensearch-heap '" + value + "': expected e.g. 512m or 1g");
              }
              heap = value;
            }
          }
        }
        default ->
            throw new IllegalArgumentException("unknown argument '" + arg + "' (see --help)");
      }
    }
    return new BenchOptions(
        stores,
        spans,
        lookups,
        senders,
        repoRoot,
        workDir.toAbsolutePath().normalize(),
        maxMinutes,
        heap,
        keep,
        false);
  }

  /** Orders loaded per store: {@link OrderLoad#SPANS_PER_ORDER} spans each, rounded up. */
  int orders() {
    return (spans + OrderLoad.SPANS_PER_ORDER - 1) / OrderLoad.SPANS_PER_ORDER;
  }

  private static int number(String option, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " " + n + " is not in " + min + "-" + max);
    }
    return n;
  }
}
