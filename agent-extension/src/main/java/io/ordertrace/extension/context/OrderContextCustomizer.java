/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.ContextCustomizer;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.propagation.IncomingValues;
import io.ordertrace.extension.propagation.OwnedBaggage;

/**
 * Runs when a SERVER or CONSUMER-process span is about to start: resolves the order and user ids
 * and replaces the incoming Baggage with the owned entries only, so that foreign or forged entries
 * never travel further and every span below sees the ids.
 */
final class OrderContextCustomizer implements ContextCustomizer<Object> {

  private final BusinessContextResolver resolver;
  private final Channel channel;
  private final HookFailures failures;

  OrderContextCustomizer(BusinessContextResolver resolver, Channel channel) {
    this.resolver = resolver;
    this.channel = channel;
    this.failures = new HookFailures("order context (" + channel + ")");
  }

  @Override
  public Context onStart(Context context, Object request, Attributes startAttributes) {
    try {
      IncomingValues incoming = IncomingValues.fromContext(context);
      OrderContext order = resolver.resolve(channel, startAttributes, incoming);
      Baggage current = Baggage.fromContext(context);
      if (order.isEmpty() && current.isEmpty()) {
        return context;
      }
      BaggageBuilder baggage = Baggage.builder();
      if (order.orderId() != null) {
        baggage.put(OwnedBaggage.ORDER_ID, order.orderId());
      }
      if (order.userId() != null) {
        baggage.put(OwnedBaggage.USER_ID, order.userId());
      }
      return order.storeIn(context.with(baggage.build()));
    } catch (Throwable failure) {
      failures.report(failure);
      return context;
    }
  }
}
