/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.trace.Tracer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CPU time of holding and stamping (issue 11), per trace and per span, as opposed to the wall
 * time {@link OrderStampingBenchmark} reports: on a machine shared with other work the wall time of
 * an operation includes the time its thread waited for a core, its CPU time does not. Each
 * operation runs {@value #TRACES} requests of {@link OrderStampingBenchmark} (one trace = a server
 * span and {@value OrderStampingBenchmark#CHILDREN} database spans) and reads the benchmark
 * thread's CPU clock around them; the secondary results {@code cpuNsPerTrace} and {@code
 * cpuNsPerSpan} are that CPU time divided by the traces and spans of the iteration (JMH adds such
 * counters up over the iterations: read the {@code avg} of its {@code (min, avg, max)} line).
 *
 * <ul>
 *   <li>{@code passThrough}: no holding processor, the export processor alone;
 *   <li>{@code knownOrder}: the holding processor, the root knows its order at start: nothing is
 *       held;
 *   <li>{@code creatingRequest}: the root learns the id at its end: the children are held and
 *       released with {@code order.id}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OrderStampingCpuBenchmark {

  static final int TRACES = 100;
  static final int SPANS_PER_TRACE = 1 + OrderStampingBenchmark.CHILDREN;

  private StampingTracers tracers;

  /** The benchmark thread's CPU time and the traces it made, per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long traces;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      traces = 0;
    }

    public double cpuNsPerTrace() {
      return traces == 0 ? Double.NaN : (double) cpuNanos / traces;
    }

    public double cpuNsPerSpan() {
      return traces == 0 ? Double.NaN : (double) cpuNanos / (traces * SPANS_PER_TRACE);
    }

    long now() {
      return threads.getCurrentThreadCpuTime();
    }

    void add(long nanos, int count) {
      cpuNanos += nanos;
      traces += count;
    }
  }

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    tracers = new StampingTracers(blackhole);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tracers.close();
  }

  private static void requests(Tracer tracer, boolean idAtStart, CpuTime cpu) {
    long start = cpu.now();
    for (int i = 0; i < TRACES; i++) {
      OrderStampingBenchmark.request(tracer, idAtStart);
    }
    cpu.add(cpu.now() - start, TRACES);
  }

  @Benchmark
  public void passThrough(CpuTime cpu) {
    requests(tracers.plain, false, cpu);
  }

  @Benchmark
  public void knownOrder(CpuTime cpu) {
    requests(tracers.holding, true, cpu);
  }

  @Benchmark
  public void creatingRequest(CpuTime cpu) {
    requests(tracers.holding, false, cpu);
  }
}
