/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

/**
 * Bounds of the order id stamping processor (context package): how much of one local trace is held
 * back, how many local traces at once, and for how long at most. Immutable.
 */
public final class HoldLimits {

  public static final int DEFAULT_MAX_SPANS = 256;
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_TRACES = 256;
  public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

  private final int maxSpans;
  private final int maxBytes;
  private final int maxTraces;
  private final long timeoutNanos;

  public HoldLimits(int maxSpans, int maxBytes, int maxTraces, long timeoutMillis) {
    this.maxSpans = maxSpans;
    this.maxBytes = maxBytes;
    this.maxTraces = maxTraces;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
  }

  public static HoldLimits defaults() {
    return new HoldLimits(
        DEFAULT_MAX_SPANS, DEFAULT_MAX_BYTES, DEFAULT_MAX_TRACES, DEFAULT_TIMEOUT_MILLIS);
  }

  /** Held spans per local trace; beyond it, spans go to export unstamped. */
  public int maxSpans() {
    return maxSpans;
  }

  /** Estimated bytes held per local trace (names, attribute keys and values, events). */
  public int maxBytes() {
    return maxBytes;
  }

  /** Local traces held at once; further ones are not held at all. */
  public int maxTraces() {
    return maxTraces;
  }

  /** A local trace whose root has not ended after this long is released as it is. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** 0 turns holding off: spans are labelled only from what is known when they start. */
  public boolean enabled() {
    return maxSpans > 0 && maxTraces > 0 && maxBytes > 0;
  }
}
