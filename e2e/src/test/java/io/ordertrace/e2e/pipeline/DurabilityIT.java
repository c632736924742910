package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Accepted" (HTTP 200 from the gateway) means the spans reach Tempo, even when the collector is
 * killed with SIGKILL in the middle of a load, or Tempo goes down in the middle of a load
 * (docs/pipeline.md, "Durability"). Every request is one trace of {@value #SPANS} spans carrying
 * an order id (so sampling keeps it) and this run's id; the test counts them in Tempo.
 */
class DurabilityIT {
  private static final int SPANS = 5;
  private PipelineProcesses processes;

  @AfterEach
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  /** Sends one trace per request, as fast as a single client does, and records what got a 200. */
  private static final class Load implements AutoCloseable {
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    final Thread thread;
    final String run = Long.toString(System.nanoTime(), 36);

    Load(String url) {
      thread = new Thread(() -> {
        int seq = 0;
        while (running.get()) {
          String t = newTraceId();
          String root = newSpanId();
          long start = nowNanos();
          List<Span> spans = new ArrayList<>();
          for (int i = 0; i < SPANS; i++) {
            spans.add(span(t, i == 0 ? root : newSpanId(), i == 0 ? null : root, "op-" + i,
                i == 0 ? SpanKind.SPAN_KIND_SERVER : SpanKind.SPAN_KIND_INTERNAL, start + i * 1000L, 2,
                Map.of("order.id", "dur-" + seq, "test.run", run)).build());
          }
          if (Spans.post(url, request("durability-test", spans)) == 200) {
            accepted.add(t);
          } else {
            refused.incrementAndGet();
            PipelineProcesses.sleep(50);
          }
          seq++;
          PipelineProcesses.sleep(5);
        }
      }, "durability-load");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(20_000);
    }
  }

  /** Waits until every accepted trace is in Tempo with all its spans; the ones still missing. */
  private static Set<String> missingAfterDrain(String tempoUrl, Set<String> accepted, long timeoutMillis) {
    Set<String> missing = ConcurrentHashMap.newKeySet();
    missing.addAll(accepted);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
      missing.removeIf(t -> Spans.trace(tempoUrl, t).size() >= SPANS);
      if (!missing.isEmpty()) {
        PipelineProcesses.sleep(1000);
      }
    }
    return missing;
  }

  @Test
  void kill9OfTheCollectorMidLoadLosesNoAcceptedSpan() throws Exception {
    processes = new PipelineProcesses("DurabilityIT-kill9");
    PipelineProcesses.Tempo tempo = processes.tempo("tempo");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", tempo);
    int beforeKill;
    Load load = new Load(collector.tracesUrl());
    try (load) {
      PipelineProcesses.sleep(4000);
      beforeKill = load.accepted.size();
      collector.process.kill9();
      PipelineProcesses.sleep(1500);
      collector.process.start(); // same ports, same queue directory
      PipelineProcesses.sleep(3000);
    }
    Set<String> missing = missingAfterDrain(tempo.url(), load.accepted, 60_000);
    System.out.printf("kill -9: %d traces (%d spans) accepted (%d before the kill), %d requests refused while down, %d missing in Tempo%n",
        load.accepted.size(), load.accepted.size() * SPANS, beforeKill, load.refused.get(), missing.size());
    assertThat(beforeKill).as("load ran before the kill").isGreaterThan(50);
    assertThat(load.accepted.size()).as("load ran after the restart").isGreaterThan(beforeKill);
    assertThat(missing).as("accepted traces not (completely) in Tempo").isEmpty();
  }

  @Test
  void tempoDownMidLoadLosesNoAcceptedSpan() throws Exception {
    processes = new PipelineProcesses("DurabilityIT-tempo");
    PipelineProcesses.Tempo tempo = processes.tempo("tempo");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", tempo);
    int beforeStop;
    int whileDown;
    Load load = new Load(collector.tracesUrl());
    try (load) {
      PipelineProcesses.sleep(3000);
      beforeStop = load.accepted.size();
      tempo.process.stop(); // SIGTERM, ingester flushes its WAL, SIGKILL after ~12 s
      int atStop = load.accepted.size();
      PipelineProcesses.sleep(3000);
      whileDown = load.accepted.size() - atStop;
      tempo.process.start(); // same ports, same data directory: the WAL is replayed
      PipelineProcesses.sleep(2000);
    }
    Set<String> missing = missingAfterDrain(tempo.url(), load.accepted, 90_000);
    System.out.printf("Tempo stop: %d traces accepted (%d before the stop, %d while Tempo was down), %d missing in Tempo%n",
        load.accepted.size(), beforeStop, whileDown, missing.size());
    assertThat(whileDown).as("the collector kept accepting while Tempo was down").isGreaterThan(0);
    assertThat(missing).as("accepted traces not (completely) in Tempo").isEmpty();
  }
}
