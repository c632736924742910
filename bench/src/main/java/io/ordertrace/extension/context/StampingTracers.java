/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.ordertrace.extension.config.HoldLimits;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two tracers the order-stamping benchmarks compare, both exporting to the blackhole: {@link
 * #plain} without the holding processor, {@link #holding} with it in front of the export.
 */
final class StampingTracers {

  final Tracer plain;
  final Tracer holding;
  private final SdkTracerProvider plainProvider;
  private final SdkTracerProvider holdingProvider;

  StampingTracers(Blackhole sink) {
    plainProvider = SdkTracerProvider.builder().addSpanProcessor(new BlackholeExport(sink)).build();
    holdingProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                OrderStampingSpanProcessor.wrap(new BlackholeExport(sink), HoldLimits.defaults()))
            .build();
    plain = plainProvider.get("bench");
    holding = holdingProvider.get("bench");
  }

  void close() {
    plainProvider.close();
    holdingProvider.close();
  }
}
