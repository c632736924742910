/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import javax.annotation.Nullable;

/**
 * The business context of the current request or message: order id, user id, and the calling
 * service. It lives next to the Baggage because the Baggage is emptied on calls to external hosts,
 * while the client span of such a call must still carry {@code order.id}.
 */
public final class OrderContext {

  private static final ContextKey<OrderContext> KEY = ContextKey.named("ordertrace-order");

  @Nullable private final String orderId;
  @Nullable private final String userId;
  @Nullable private final String caller;

  public OrderContext(@Nullable String orderId, @Nullable String userId, @Nullable String caller) {
    this.orderId = orderId;
    this.userId = userId;
    this.caller = caller;
  }

  @Nullable
  public static OrderContext fromContext(Context context) {
    return context.get(KEY);
  }

  public Context storeIn(Context context) {
    return context.with(KEY, this);
  }

  @Nullable
  public String orderId() {
    return orderId;
  }

  @Nullable
  public String userId() {
    return userId;
  }

  /** The {@code service.name} of the service that sent the request or message. */
  @Nullable
  public String caller() {
    return caller;
  }

  boolean isEmpty() {
    return orderId == null && userId == null && caller == null;
  }

  @Override
  public String toString() {
    return "OrderContext{orderId=" + orderId + ", userId=" + userId + ", caller=" + caller + '}';
  }
}
