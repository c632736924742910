/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.ordertrace.extension.EndedSpan;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.HoldLimits;
import io.ordertrace.extension.messaging.MessagingAttributes;
import io.ordertrace.extension.messaging.PublishConfirms;
import io.ordertrace.extension.propagation.OwnedBaggage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * Puts {@code order.id} on spans that ended before the order id was known (requirement D2). An
 * order is born in the middle of the request that creates it: the CRM's database calls and the
 * shop's call to the CRM end before the response names the new id. This processor wraps the export
 * processor (the batch span processor) and, for a local trace whose local root started without an
 * order id, holds the ended spans that lack one until the local root ends; the root then knows the
 * id (from the response) and every held span is released with it.
 *
 * <p>Bounded ({@link HoldLimits}): per local trace a maximum of spans and of estimated bytes, a
 * maximum of local traces held at once, and a timeout after which a local trace is released as it
 * is. Over a bound, a span simply goes on unstamped. Nothing blocks: the held spans sit in
 * lock-free queues, and the export pipeline behind is the asynchronous batch processor. Traces
 * whose root already knows its order (the id in the path, a header, a message) are never held.
 */
public final class OrderStampingSpanProcessor implements SpanProcessor {

  private static final AttributeKey<String> ORDER_ID = OrderTraceAttributes.ORDER_ID;

  private final SpanProcessor next;
  private final HoldLimits limits;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, LocalTrace> open = new ConcurrentHashMap<>();
  private final AtomicInteger openCount = new AtomicInteger();
  private final HookFailures failures = new HookFailures("order id stamping");
  @Nullable private final ScheduledExecutorService timer;

  private OrderStampingSpanProcessor(
      SpanProcessor next, HoldLimits limits, LongSupplier nanoTime, boolean withTimer) {
    this.next = next;
    this.limits = limits;
    this.nanoTime = nanoTime;
    if (withTimer && limits.enabled()) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "ordertrace-hold-timeout");
                thread.setDaemon(true);
                return thread;
              });
      long period = Math.max(100, Math.min(1000, limits.timeoutNanos() / 2_000_000));
      ScheduledFuture<?> unused =
          timer.scheduleWithFixedDelay(
              this::releaseExpiredSafely, period, period, TimeUnit.MILLISECONDS);
    } else {
      timer = null;
    }
  }

  /** Wraps the export processor {@code next}; a daemon thread releases timed-out traces. */
  public static SpanProcessor wrap(SpanProcessor next, HoldLimits limits) {
    if (!limits.enabled()) {
      return next;
    }
    return new OrderStampingSpanProcessor(next, limits, System::nanoTime, true);
  }

  /** For tests: a given clock, timeouts only through {@link #releaseExpired()}. */
  static OrderStampingSpanProcessor forTest(
      SpanProcessor next, HoldLimits limits, LongSupplier nanoTime) {
    return new OrderStampingSpanProcessor(next, limits, nanoTime, false);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (next.isStartRequired()) {
      next.onStart(parentContext, span);
    }
    try {
      SpanContext parent = span.getParentSpanContext();
      if ((parent.isValid() && !parent.isRemote())
          || !span.getSpanContext().isSampled()
          || knowsOrder(parentContext, span)) {
        return;
      }
      String traceId = span.getSpanContext().getTraceId();
      open.compute(traceId, (id, trace) -> trace != null ? trace.addRoot() : newTrace());
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Nullable
  private LocalTrace newTrace() {
    if (openCount.incrementAndGet() > limits.maxTraces()) {
      openCount.decrementAndGet();
      return null;
    }
    return new LocalTrace(nanoTime.getAsLong());
  }

  private static boolean knowsOrder(Context parentContext, ReadableSpan span) {
    if (span.getAttribute(ORDER_ID) != null) {
      return true;
    }
    OrderContext order = OrderContext.fromContext(parentContext);
    if (order != null) {
      return order.orderId() != null;
    }
    return Baggage.fromContext(parentContext).getEntryValue(OwnedBaggage.ORDER_ID) != null;
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (span.getKind() == SpanKind.PRODUCER && awaitsConfirm(span)) {
      return;
    }
    LocalTrace trace;
    try {
      trace = open.isEmpty() ? null : open.get(span.getSpanContext().getTraceId());
    } catch (Throwable failure) {
      failures.report(failure);
      trace = null;
    }
    if (trace == null) {
      next.onEnd(span);
      return;
    }
    try {
      onEndHeld(span, trace);
    } catch (Throwable failure) {
      failures.report(failure);
      next.onEnd(span);
    }
  }

  /** A RabbitMQ publish is exported when the broker's confirm says how it went. */
  private boolean awaitsConfirm(ReadableSpan span) {
    try {
      String spanId = span.getSpanContext().getSpanId();
      return PublishConfirms.INSTANCE.isAwaited(spanId)
          && PublishConfirms.INSTANCE.holdUntilConfirmed(
              spanId,
              span.toSpanData(),
              next,
              (data, outcome) -> SpanRewrite.with(data, MessagingAttributes.CONFIRM, outcome));
    } catch (Throwable failure) {
      failures.report(failure);
      return false;
    }
  }

  private void onEndHeld(ReadableSpan span, LocalTrace trace) {
    String orderId = span.getAttribute(ORDER_ID);
    SpanContext parent = span.getParentSpanContext();
    boolean localRoot = !parent.isValid() || parent.isRemote();
    if (localRoot) {
      if (orderId != null) {
        trace.noteOrderId(orderId);
      }
      if (trace.rootEnded() && open.remove(span.getSpanContext().getTraceId(), trace)) {
        openCount.decrementAndGet();
        trace.release(next, trace.orderId);
      }
      forward(span, orderId == null ? trace.orderId : null);
      return;
    }
    if (orderId != null) {
      trace.noteOrderId(orderId);
      next.onEnd(span);
      return;
    }
    if (trace.released) {
      forward(span, trace.orderId);
      return;
    }
    SpanData data = span.toSpanData();
    if (!trace.hold(data, limits, next)) {
      next.onEnd(new EndedSpan(data));
    }
  }

  private void forward(ReadableSpan span, @Nullable String orderId) {
    if (orderId == null) {
      next.onEnd(span);
    } else {
      next.onEnd(new EndedSpan(SpanRewrite.with(span.toSpanData(), ORDER_ID, orderId)));
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Releases, unstamped unless an id was seen, every local trace held longer than the timeout. */
  void releaseExpired() {
    PublishConfirms.INSTANCE.expire(limits.timeoutNanos());
    long now = nanoTime.getAsLong();
    for (Map.Entry<String, LocalTrace> entry : open.entrySet()) {
      LocalTrace trace = entry.getValue();
      if (now - trace.startNanos >= limits.timeoutNanos() && open.remove(entry.getKey(), trace)) {
        openCount.decrementAndGet();
        trace.release(next, trace.orderId);
      }
    }
  }

  private void releaseExpiredSafely() {
    try {
      releaseExpired();
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  private void releaseAll() {
    for (Map.Entry<String, LocalTrace> entry : open.entrySet()) {
      if (open.remove(entry.getKey(), entry.getValue())) {
        openCount.decrementAndGet();
        entry.getValue().release(next, entry.getValue().orderId);
      }
    }
  }

  /** Local traces currently held (for tests and the benchmark). */
  int heldTraces() {
    return openCount.get();
  }

  @Override
  public CompletableResultCode forceFlush() {
    releaseAll();
    return next.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (timer != null) {
      timer.shutdownNow();
    }
    releaseAll();
    return next.shutdown();
  }

  /** Rough size of a span held in memory: names, keys and values, events. */
  static int estimateBytes(SpanData data) {
    int[] size = {128 + 2 * data.getName().length()};
    data.getAttributes()
        .forEach((key, value) -> size[0] += 48 + 2 * key.getKey().length() + valueBytes(value));
    List<EventData> events = data.getEvents();
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      size[0] += 96 + 2 * event.getName().length();
      event
          .getAttributes()
          .forEach((key, value) -> size[0] += 48 + 2 * key.getKey().length() + valueBytes(value));
    }
    size[0] += 96 * data.getLinks().size();
    return size[0];
  }

  private static int valueBytes(Object value) {
    if (value instanceof String) {
      return 40 + 2 * ((String) value).length();
    }
    if (value instanceof List) {
      int bytes = 24;
      for (Object element : (List<?>) value) {
        bytes += 8 + valueBytes(element);
      }
      return bytes;
    }
    return 16;
  }

  /** The held part of one trace in this process. */
  private static final class LocalTrace {
    final long startNanos;
    final AtomicInteger roots = new AtomicInteger(1);
    final AtomicInteger spans = new AtomicInteger();
    final AtomicInteger bytes = new AtomicInteger();
    final ConcurrentLinkedQueue<SpanData> held = new ConcurrentLinkedQueue<>();
    @Nullable volatile String orderId;
    volatile boolean released;

    LocalTrace(long startNanos) {
      this.startNanos = startNanos;
    }

    LocalTrace addRoot() {
      roots.incrementAndGet();
      return this;
    }

    /** True when the last open local root of this trace ended. */
    boolean rootEnded() {
      return roots.decrementAndGet() <= 0;
    }

    void noteOrderId(String id) {
      if (orderId == null) {
        orderId = id;
      }
    }

    boolean hold(SpanData data, HoldLimits limits, SpanProcessor next) {
      if (spans.incrementAndGet() > limits.maxSpans()) {
        spans.decrementAndGet();
        return false;
      }
      int size = estimateBytes(data);
      if (bytes.addAndGet(size) > limits.maxBytes()) {
        bytes.addAndGet(-size);
        spans.decrementAndGet();
        return false;
      }
      held.add(data);
      if (released) {
        // released while we were adding: whoever polls a span forwards it, exactly once
        drain(next, orderId);
      }
      return true;
    }

    void release(SpanProcessor next, @Nullable String id) {
      orderId = id;
      released = true;
      drain(next, id);
    }

    private void drain(SpanProcessor next, @Nullable String id) {
      SpanData data;
      while ((data = held.poll()) != null) {
        next.onEnd(new EndedSpan(id == null ? data : SpanRewrite.with(data, ORDER_ID, id)));
      }
    }
  }
}
