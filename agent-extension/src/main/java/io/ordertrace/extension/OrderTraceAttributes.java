/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import io.opentelemetry.api.common.AttributeKey;

/** The span attributes and baggage keys this extension owns: a public contract. */
public final class OrderTraceAttributes {

  /** The order a span works on (requirement D2), on every span of the order's trace. */
  public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");

  /** The user who acts on the order (requirement D2). */
  public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");

  /** The {@code service.name} of the caller, on SERVER and CONSUMER spans (requirement D3). */
  public static final AttributeKey<String> CALLER_SERVICE_NAME =
      AttributeKey.stringKey("caller.service.name");

  /**
   * The lifecycle stage a request or message moved the order to (requirement D5): only when the
   * step succeeded.
   */
  public static final AttributeKey<String> ORDER_STAGE = AttributeKey.stringKey("order.stage");

  /**
   * The stage a request or message tried to move the order to and failed (HTTP status 400 or more,
   * an error, a refused or silently dropped message); the span has status ERROR.
   */
  public static final AttributeKey<String> ORDER_STAGE_FAILED =
      AttributeKey.stringKey("order.stage.failed");

  private OrderTraceAttributes() {}
}
