/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that acts only when a span starts. Whatever {@link #start} throws is contained:
 * the span goes on without it, and the failure is reported once ({@link HookFailures}).
 */
public abstract class StartOnlySpanProcessor implements SpanProcessor {

  private final HookFailures failures;

  /**
   * @param hook what the processor does, for the one warning logged at its first failure
   */
  protected StartOnlySpanProcessor(String hook) {
    this.failures = new HookFailures(hook);
  }

  /** Acts on a span as it starts. */
  protected abstract void start(Context parentContext, ReadWriteSpan span);

  @Override
  public final void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      start(parentContext, span);
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Override
  public final boolean isStartRequired() {
    return true;
  }

  @Override
  public final void onEnd(ReadableSpan span) {}

  @Override
  public final boolean isEndRequired() {
    return false;
  }
}
