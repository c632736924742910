/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import java.io.PrintStream;
import java.util.Locale;

/** A progress line on stderr at most every 5 seconds, so a long load shows it is alive. */
final class ProgressLine {

  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final String what;
  private final long start = System.nanoTime();
  private long lastPrint = start;

  ProgressLine(PrintStream err, String what) {
    this.err = err;
    this.what = what;
  }

  synchronized void update(long done, long total) {
    long now = System.nanoTime();
    if (now - lastPrint < EVERY_NANOS) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    err.printf(
        Locale.ROOT,
        "  %s: %,d of %,d (%.0f%%), %,.0f/s%n",
        what,
        done,
        total,
        100.0 * done / total,
        done / seconds);
  }

  synchronized void done() {
    err.printf(Locale.ROOT, "  %s: done in %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }
}
