/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.IdPolicy;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.propagation.OwnedBaggage;

/**
 * Puts {@code order.id} and {@code user.id} on every log record emitted inside an order's request
 * or message (requirement D7), the same values the spans carry. It must run before the exporting
 * processor takes its copy: the SDK customization composes it in front of each one.
 */
public final class OrderContextLogRecordProcessor implements LogRecordProcessor {

  private final IdPolicy policy;
  private final HookFailures failures = new HookFailures("log record attributes");

  public OrderContextLogRecordProcessor(OrderTraceConfig config) {
    this.policy = config.idPolicy();
  }

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    try {
      String orderId;
      String userId;
      OrderContext order = OrderContext.fromContext(context);
      if (order != null) {
        orderId = order.orderId();
        userId = order.userId();
      } else {
        Baggage baggage = Baggage.fromContext(context);
        orderId = policy.accept(baggage.getEntryValue(OwnedBaggage.ORDER_ID));
        userId = policy.accept(baggage.getEntryValue(OwnedBaggage.USER_ID));
      }
      if (orderId != null) {
        logRecord.setAttribute(OrderTraceAttributes.ORDER_ID, orderId);
      }
      if (userId != null) {
        logRecord.setAttribute(OrderTraceAttributes.USER_ID, userId);
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }
}
