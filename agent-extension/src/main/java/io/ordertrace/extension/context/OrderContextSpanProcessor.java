/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.StartOnlySpanProcessor;
import io.ordertrace.extension.config.IdPolicy;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.propagation.OwnedBaggage;

/**
 * Copies the business context onto every span as it starts: {@code order.id} and {@code user.id}
 * everywhere, {@code caller.service.name} on SERVER and CONSUMER spans. The order stage depends on
 * the outcome and is decided when the span ends (stage package). Attribute writes only: no I/O, no
 * locks.
 */
public final class OrderContextSpanProcessor extends StartOnlySpanProcessor {

  private final IdPolicy policy;

  public OrderContextSpanProcessor(OrderTraceConfig config) {
    super("span attributes");
    this.policy = config.idPolicy();
  }

  @Override
  protected void start(Context parentContext, ReadWriteSpan span) {
    String orderId;
    String userId;
    String caller = null;
    OrderContext order = OrderContext.fromContext(parentContext);
    if (order != null) {
      orderId = order.orderId();
      userId = order.userId();
      caller = order.caller();
    } else {
      Baggage baggage = Baggage.fromContext(parentContext);
      orderId = policy.accept(baggage.getEntryValue(OwnedBaggage.ORDER_ID));
      userId = policy.accept(baggage.getEntryValue(OwnedBaggage.USER_ID));
    }
    if (orderId != null) {
      span.setAttribute(OrderTraceAttributes.ORDER_ID, orderId);
    }
    if (userId != null) {
      span.setAttribute(OrderTraceAttributes.USER_ID, userId);
    }
    SpanKind kind = span.getKind();
    if (kind != SpanKind.SERVER && kind != SpanKind.CONSUMER) {
      return;
    }
    if (caller != null) {
      span.setAttribute(OrderTraceAttributes.CALLER_SERVICE_NAME, caller);
    }
  }
}
