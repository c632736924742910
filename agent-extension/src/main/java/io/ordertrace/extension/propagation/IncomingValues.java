/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import javax.annotation.Nullable;

/**
 * What the propagator read from an incoming request or message: the headers named by the id
 * sources, and the owned baggage entries. Kept in the {@link Context} only until the SERVER or
 * CONSUMER span starts and the sources are resolved.
 */
public final class IncomingValues {

  private static final ContextKey<IncomingValues> KEY = ContextKey.named("ordertrace-incoming");

  private final String[] headerNames;
  private final String[] headerValues;
  @Nullable private final String baggageOrderId;
  @Nullable private final String baggageUserId;
  @Nullable private final String caller;

  IncomingValues(
      String[] headerNames,
      String[] headerValues,
      @Nullable String baggageOrderId,
      @Nullable String baggageUserId,
      @Nullable String caller) {
    this.headerNames = headerNames;
    this.headerValues = headerValues;
    this.baggageOrderId = baggageOrderId;
    this.baggageUserId = baggageUserId;
    this.caller = caller;
  }

  @Nullable
  public static IncomingValues fromContext(Context context) {
    return context.get(KEY);
  }

  Context storeIn(Context context) {
    return context.with(KEY, this);
  }

  /** The value of a header or message header read on the way in, or {@code null}. */
  @Nullable
  public String header(String name) {
    for (int i = 0; i < headerNames.length; i++) {
      if (headerNames[i].equalsIgnoreCase(name)) {
        return headerValues[i];
      }
    }
    return null;
  }

  @Nullable
  public String baggageOrderId() {
    return baggageOrderId;
  }

  @Nullable
  public String baggageUserId() {
    return baggageUserId;
  }

  /** The caller's {@code service.name}, from the {@code caller.service.name} baggage entry. */
  @Nullable
  public String caller() {
    return caller;
  }
}
