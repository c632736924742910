/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.ordertrace.extension.NanosPerOperationBenchmark;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.propagation.OrderTracePropagator;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the extension adds on the request thread for one incoming request: reading the headers
 * (propagator), resolving the ids and building the Baggage (context customizer), and labelling the
 * server span and one child (span processor). {@code baseline} starts and ends the same two spans
 * on an SDK without the extension; the difference is the extension's cost.
 */
public class RequestThreadBenchmark extends NanosPerOperationBenchmark {

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Nullable
        @Override
        public String get(@Nullable Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key.toLowerCase(java.util.Locale.ROOT));
        }
      };

  private SdkTracerProvider plainProvider;
  private SdkTracerProvider orderTraceProvider;
  private Tracer plain;
  private Tracer withOrderTrace;
  private OrderTracePropagator propagator;
  private OrderContextCustomizer customizer;
  private Map<String, String> headers;
  private Attributes startAttributes;

  @Setup(Level.Trial)
  public void setUp() {
    OrderTraceConfig config = OrderTraceConfig.defaults();
    plainProvider = SdkTracerProvider.builder().build();
    orderTraceProvider =
        SdkTracerProvider.builder().addSpanProcessor(new OrderContextSpanProcessor(config)).build();
    plain = plainProvider.get("bench");
    withOrderTrace = orderTraceProvider.get("bench");
    propagator = new OrderTracePropagator(config, "crm-api");
    customizer = new OrderContextCustomizer(new BusinessContextResolver(config), Channel.HTTP);
    headers = new HashMap<>();
    headers.put("x-user-id", "u-1001");
    headers.put("baggage", "order.id=100042,user.id=u-1001,caller.service.name=shop-api");
    headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    startAttributes =
        Attributes.builder()
            .put("http.request.method", "POST")
            .put("url.path", "/crm/orders/100042/approve")
            .put("url.scheme", "http")
            .put("server.address", "crm-api")
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plainProvider.close();
    orderTraceProvider.close();
  }

  @Benchmark
  public Span baseline() {
    Span server =
        plain
            .spanBuilder("POST /crm/orders/{id}/approve")
            .setSpanKind(SpanKind.SERVER)
            .setAllAttributes(startAttributes)
            .setParent(Context.root())
            .startSpan();
    Span child =
        plain.spanBuilder("SELECT orders").setParent(Context.root().with(server)).startSpan();
    child.end();
    server.end();
    return server;
  }

  @Benchmark
  public Span withOrderTrace() {
    Context extracted = propagator.extract(Context.root(), headers, GETTER);
    Context context = customizer.onStart(extracted, headers, startAttributes);
    Span server =
        withOrderTrace
            .spanBuilder("POST /crm/orders/{id}/approve")
            .setSpanKind(SpanKind.SERVER)
            .setAllAttributes(startAttributes)
            .setParent(context)
            .startSpan();
    Span child =
        withOrderTrace.spanBuilder("SELECT orders").setParent(context.with(server)).startSpan();
    child.end();
    server.end();
    return server;
  }
}
