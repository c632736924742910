/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.JaegerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Accepted" (HTTP 200 from the gateway collector) means the spans reach the store (Jaeger on
 * Badger), even when the collector is killed with SIGKILL in the middle of a load, or Jaeger is
 * stopped or killed in the middle of a load and started again (docs/pipeline.md, "Durability").
 * Every request is one order's trace of {@value #SPANS} spans; the test counts the orders it finds
 * in Jaeger afterwards. Phases end on conditions (so many more traces accepted), never on fixed
 * sleeps.
 */
class DurabilityIT {
  private static final int SPANS = 5;

  /** Traces a phase must see accepted before the next step: the load really ran through it. */
  private static final int PHASE = 40;

  private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);
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
      thread =
          new Thread(
              () -> {
                int seq = 0;
                while (running.get()) {
                  String t = newTraceId();
                  String root = newSpanId();
                  long start = nowNanos();
                  List<Span> spans = new ArrayList<>();
                  for (int i = 0; i < SPANS; i++) {
                    spans.add(
                        span(
                                t,
                                i == 0 ? root : newSpanId(),
                                i == 0 ? null : root,
                                "op-" + i,
                                i == 0 ? SpanKind.SPAN_KIND_SERVER : SpanKind.SPAN_KIND_INTERNAL,
                                start + i * 1000L,
                                2,
                                Map.of("order.id", "dur-" + run + "-" + seq, "test.run", run))
                            .build());
                  }
                  if (Spans.post(url, request("durability-test", spans)) == 200) {
                    accepted.add(t);
                  } else {
                    refused.incrementAndGet();
                    PipelineProcesses.sleep(50); // back off like an SDK exporter, not a test wait
                  }
                  seq++;
                }
              },
              "durability-load");
      thread.start();
    }

    /** Waits until {@code more} traces beyond the current count have been accepted. */
    int awaitMore(int more) {
      int target = accepted.size() + more;
      await()
          .atMost(PHASE_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> accepted.size() >= target);
      return accepted.size();
    }

    @Override
    public void close() {
      running.set(false);
      try {
        thread.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the test is being stopped: let it see that
      }
    }
  }

  /** Waits until every accepted trace is in Jaeger with all its spans; the ones still missing. */
  private static Set<String> missingAfterDrain(
      JaegerProcess jaeger, Set<String> accepted, Duration timeout) {
    Set<String> missing = ConcurrentHashMap.newKeySet();
    missing.addAll(accepted);
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                missing.removeIf(t -> Spans.trace(jaeger.queryUrl(), t).size() >= SPANS);
                return missing.isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException stillMissing) {
      // reported by the caller's assertion, with the count
    }
    return missing;
  }

  @Test
  void kill9OfTheCollectorMidLoadLosesNoAcceptedSpan() throws Exception {
    processes = new PipelineProcesses("DurabilityIT-collector-kill9");
    JaegerProcess jaeger = processes.jaeger("jaeger");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", jaeger);
    int beforeKill;
    Load load = new Load(collector.tracesUrl());
    try (load) {
      beforeKill = load.awaitMore(PHASE);
      collector.process.kill();
      collector.process.start(); // same ports, same queue directory
      load.awaitMore(PHASE);
    }
    Set<String> missing = missingAfterDrain(jaeger, load.accepted, Duration.ofSeconds(90));
    System.out.printf(
        "collector kill -9: %d orders (%d spans) accepted (%d before the kill), %d requests refused"
            + " while down, %d orders missing in Jaeger%n",
        load.accepted.size(),
        load.accepted.size() * SPANS,
        beforeKill,
        load.refused.get(),
        missing.size());
    assertThat(missing).as("accepted orders not (completely) in Jaeger").isEmpty();
  }

  @Test
  void jaegerStoppedMidLoadAndStartedAgainLosesNoAcceptedSpan() throws Exception {
    storeOutage("DurabilityIT-jaeger-stop", JaegerProcess::stop);
  }

  @Test
  void kill9OfJaegerMidLoadLosesNoAcceptedSpan() throws Exception {
    storeOutage("DurabilityIT-jaeger-kill9", JaegerProcess::kill);
  }

  /**
   * The store goes away mid-load: the collector keeps accepting into its disk queue, with its
   * memory bounded by the memory limiter, and delivers everything once the store is back.
   */
  private void storeOutage(String name, java.util.function.Consumer<JaegerProcess> outage)
      throws Exception {
    processes = new PipelineProcesses(name);
    JaegerProcess jaeger = processes.jaeger("jaeger");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", jaeger);
    long pid = collector.process.pid();
    AtomicLong peakRssKib = new AtomicLong();
    int atOutage;
    int whileDown;
    Load load = new Load(collector.tracesUrl());
    try (load) {
      load.awaitMore(PHASE);
      long rssBefore = rssKib(pid);
      outage.accept(jaeger);
      atOutage = load.accepted.size();
      // a long outage for this load: ten phases, the collector's RSS read all along
      int target = atOutage + 10 * PHASE;
      await()
          .atMost(PHASE_TIMEOUT.multipliedBy(3))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                peakRssKib.accumulateAndGet(rssKib(pid), Math::max);
                return load.accepted.size() >= target;
              });
      whileDown = load.accepted.size() - atOutage;
      jaeger.restart(); // same ports, same Badger directory
      load.awaitMore(PHASE);
      System.out.printf(
          "%s: collector RSS %d MiB before the outage, peak %d MiB during it%n",
          name, rssBefore / 1024, peakRssKib.get() / 1024);
    }
    Set<String> missing = missingAfterDrain(jaeger, load.accepted, Duration.ofMinutes(2));
    System.out.printf(
        "%s: %d orders (%d spans) accepted, %d while Jaeger was down, %d orders missing in Jaeger%n",
        name, load.accepted.size(), load.accepted.size() * SPANS, whileDown, missing.size());
    assertThat(whileDown)
        .as("the collector kept accepting while Jaeger was down")
        .isGreaterThanOrEqualTo(10 * PHASE);
    assertThat(peakRssKib.get() / 1024)
        .as("collector memory while the store is down stays under the memory limiter's limit (MiB)")
        .isLessThan(512);
    assertThat(missing).as("accepted orders not (completely) in Jaeger").isEmpty();
  }

  /** Resident set size of a process, from /proc. */
  private static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended: the assertions on delivery say what happened
    }
    return 0;
  }
}
