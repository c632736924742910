/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.ordertrace.extension.EndedSpan;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import javax.annotation.Nullable;

/**
 * Publisher confirms of RabbitMQ, matched to the publish spans they answer (requirement C2). A
 * publish on a channel in confirm mode is expected under its sequence number ({@link
 * ConfirmExtractor}); the broker's ack or nack arrives later, on the connection's thread, through a
 * {@code ConfirmListener} this extension adds to the channel. The publish span has ended by then:
 * the export wrapper hands its data here and it is exported once the outcome is known, with {@code
 * messaging.rabbitmq.confirm} = {@code acked}, {@code nacked} or, after the hold timeout, {@code
 * timeout}.
 *
 * <p>One instance per JVM: the instrumentation hooks and the SDK's export wrapper are created by
 * different parts of the agent and meet here. Bounded: at most {@value #MAX_PENDING} publishes
 * awaited at once; beyond that a publish is not tracked.
 */
public final class PublishConfirms {

  public static final PublishConfirms INSTANCE = new PublishConfirms();

  static final int MAX_PENDING = 10_000;

  /** Turns a span's data and its outcome into what is exported. */
  public interface Release extends BiFunction<SpanData, String, SpanData> {}

  private final Map<Object, ConcurrentNavigableMap<Long, Pending>> byChannel =
      new ConcurrentHashMap<>();
  private final Map<String, Pending> bySpan = new ConcurrentHashMap<>();

  PublishConfirms() {}

  /** One export pipeline (one per configured exporter) waiting with its copy of the span. */
  private static final class Waiting {
    final SpanData data;
    final SpanProcessor next;
    final Release release;

    Waiting(SpanData data, SpanProcessor next, Release release) {
      this.data = data;
      this.next = next;
      this.release = release;
    }
  }

  /** One publish: created before it is sent, bound to its span when the span ends. */
  static final class Pending {
    @Nullable volatile String spanId;
    final long since;
    @Nullable volatile String outcome;
    final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    Pending(long since) {
      this.since = since;
    }
  }

  /**
   * A publish with sequence number {@code seq} is about to be sent on {@code channel}: registered
   * before it goes out, so that a confirm that arrives before the span ends is not lost.
   */
  @Nullable
  Pending expect(Object channel, long seq) {
    if (bySpan.size() >= MAX_PENDING) {
      return null;
    }
    Pending pending = new Pending(System.nanoTime());
    Map<Long, Pending> channelPending =
        byChannel.computeIfAbsent(channel, c -> new ConcurrentSkipListMap<Long, Pending>());
    channelPending.put(seq, pending);
    return pending;
  }

  /** The publish went out as span {@code spanId}. */
  void bind(Pending pending, String spanId) {
    pending.spanId = spanId;
    bySpan.put(spanId, pending);
  }

  /** The publish failed before reaching the broker: nothing to await. */
  void cancel(Object channel, long seq) {
    ConcurrentNavigableMap<Long, Pending> channelPending = byChannel.get(channel);
    if (channelPending != null) {
      channelPending.remove(seq);
    }
  }

  /** For tests: expect and bind at once. */
  void expect(Object channel, long seq, String spanId) {
    Pending pending = expect(channel, seq);
    if (pending != null) {
      bind(pending, spanId);
    }
  }

  /** The broker answered {@code tag} (and every earlier one when {@code multiple}). */
  void confirmed(Object channel, long tag, boolean multiple, boolean ack) {
    ConcurrentNavigableMap<Long, Pending> channelPending = byChannel.get(channel);
    if (channelPending == null) {
      return;
    }
    String outcome = ack ? "acked" : "nacked";
    if (multiple) {
      Iterator<Map.Entry<Long, Pending>> it =
          channelPending.headMap(tag, true).entrySet().iterator();
      while (it.hasNext()) {
        Pending pending = it.next().getValue();
        it.remove();
        settle(pending, outcome);
      }
    } else {
      Pending pending = channelPending.remove(tag);
      if (pending != null) {
        settle(pending, outcome);
      }
    }
  }

  private void settle(Pending pending, String outcome) {
    pending.outcome = outcome;
    String spanId = pending.spanId;
    if (spanId != null && !pending.waiting.isEmpty()) {
      bySpan.remove(spanId, pending);
    }
    forward(pending, outcome);
  }

  /** Exports every copy waiting; each is polled, so exported once, whoever gets it. */
  private static void forward(Pending pending, String outcome) {
    Waiting waiting;
    while ((waiting = pending.waiting.poll()) != null) {
      waiting.next.onEnd(new EndedSpan(waiting.release.apply(waiting.data, outcome)));
    }
  }

  /**
   * Called by the export wrapper when a span ends: {@code true} when the span is a publish awaiting
   * its confirm and has been taken (it is exported when the confirm arrives); {@code false} when it
   * is not awaited. If the confirm came first, the span goes out at once.
   */
  public boolean holdUntilConfirmed(
      String spanId, SpanData data, SpanProcessor next, Release release) {
    Pending pending = bySpan.get(spanId);
    if (pending == null) {
      return false;
    }
    pending.waiting.add(new Waiting(data, next, release));
    String outcome = pending.outcome;
    if (outcome != null) {
      bySpan.remove(spanId, pending);
      forward(pending, outcome);
    }
    return true;
  }

  /**
   * Exports, with {@code timeout}, every ended publish awaited longer than {@code timeoutNanos}.
   */
  // ConcurrentHashMap: removing while iterating its weakly consistent view is safe
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  public void expire(long timeoutNanos) {
    long now = System.nanoTime();
    for (Pending pending : bySpan.values()) {
      if (now - pending.since < timeoutNanos) {
        continue;
      }
      String spanId = pending.spanId;
      if (spanId != null && bySpan.remove(spanId, pending)) {
        String outcome = pending.outcome;
        forward(pending, outcome != null ? outcome : "timeout");
      }
    }
    for (ConcurrentNavigableMap<Long, Pending> channelPending : byChannel.values()) {
      channelPending.values().removeIf(p -> now - p.since >= timeoutNanos);
    }
  }

  /** True when {@code spanId} is a publish whose confirm is awaited. */
  public boolean isAwaited(String spanId) {
    return !bySpan.isEmpty() && bySpan.containsKey(spanId);
  }

  /** Number of publishes awaited (for tests). */
  int pending() {
    return bySpan.size();
  }
}
