/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

/** The W3C baggage entries this extension owns; all others are dropped at service boundaries. */
public final class OwnedBaggage {

  public static final String ORDER_ID = "order.id";
  public static final String USER_ID = "user.id";
  public static final String CALLER_SERVICE_NAME = "caller.service.name";

  /** W3C limit for the whole header; anything longer is ignored, not truncated. */
  static final int MAX_HEADER_LENGTH = 8192;

  private OwnedBaggage() {}
}
