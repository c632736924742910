/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one kind of request, summarised by nearest-rank percentiles. */
final class Latencies {

  private long[] nanos = new long[64];
  private int count;

  void add(long elapsedNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = elapsedNanos;
  }

  int count() {
    return count;
  }

  /** Nearest-rank percentile in milliseconds, {@code p} in (0, 100]. */
  double percentileMillis(double p) {
    if (count == 0) {
      throw new IllegalStateException("no latencies recorded");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms",
        percentileMillis(50),
        percentileMillis(95),
        percentileMillis(99),
        percentileMillis(100));
  }
}
