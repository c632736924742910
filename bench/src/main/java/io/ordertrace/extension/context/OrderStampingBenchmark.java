/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.ordertrace.extension.NanosPerOperationBenchmark;
import io.ordertrace.extension.OrderTraceAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of holding ended spans until their local root knows the order id (issue 11). One request
 * = a server span and {@value #CHILDREN} database spans, each with six attributes, handed to an
 * export processor that only takes {@code toSpanData()} (what the batch processor does).
 *
 * <ul>
 *   <li>{@code baseline}: no holding processor.
 *   <li>{@code knownOrder}: the holding processor, the root knows its order at start (the id in the
 *       path, a header or a message): nothing is held, the cost is one map lookup per span.
 *   <li>{@code creatingRequest}: the root learns the id at its end: the children are held and
 *       released with {@code order.id}.
 * </ul>
 *
 * Run with {@code -prof gc} for the bytes allocated per request.
 */
public class OrderStampingBenchmark extends NanosPerOperationBenchmark {

  static final int CHILDREN = 5;

  private StampingTracers tracers;

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    tracers = new StampingTracers(blackhole);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tracers.close();
  }

  static void request(Tracer tracer, boolean idAtStart) {
    io.opentelemetry.api.trace.SpanBuilder builder =
        tracer
            .spanBuilder("POST /crm/orders")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root());
    if (idAtStart) {
      builder.setAttribute(OrderTraceAttributes.ORDER_ID, "100042");
    }
    Span server = builder.startSpan();
    Context context = Context.root().with(server);
    for (int i = 0; i < CHILDREN; i++) {
      Span child =
          tracer
              .spanBuilder("INSERT crm.orders")
              .setSpanKind(SpanKind.CLIENT)
              .setParent(context)
              .setAttribute("db.system.name", "postgresql")
              .setAttribute("db.namespace", "crm")
              .setAttribute("db.operation.name", "INSERT")
              .setAttribute("db.collection.name", "orders")
              .setAttribute(
                  "db.query.text", "insert into orders (id, user_id, total) values (?, ?, ?)")
              .setAttribute("server.address", "127.0.0.1")
              .startSpan();
      child.end();
    }
    if (!idAtStart) {
      server.setAttribute(OrderTraceAttributes.ORDER_ID, "100042");
    }
    server.end();
  }

  @Benchmark
  public void baseline() {
    request(tracers.plain, false);
  }

  @Benchmark
  public void knownOrder() {
    request(tracers.holding, true);
  }

  @Benchmark
  public void creatingRequest() {
    request(tracers.holding, false);
  }
}
