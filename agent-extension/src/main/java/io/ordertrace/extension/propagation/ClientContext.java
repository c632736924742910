/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import javax.annotation.Nullable;

/**
 * At the edge the client's trace context is not a parent: a client could otherwise pick the trace
 * id (and graft spans carrying an order id onto a trace it knows) or send the not-sampled flag and
 * drop an order's trace. Extraction moves it here; {@link EdgeLinkSpanProcessor} records it on the
 * new root span as a link, so nothing is lost for debugging.
 */
public final class ClientContext {

  private static final ContextKey<SpanContext> KEY = ContextKey.named("ordertrace-client-context");

  /** Replaces a remote parent in {@code context} by nothing, remembering it for the link. */
  static Context detach(Context context) {
    SpanContext client = Span.fromContext(context).getSpanContext();
    if (!client.isValid() || !client.isRemote()) {
      return context;
    }
    return context.with(Span.getInvalid()).with(KEY, client);
  }

  /** The client's span context the edge detached, or {@code null}. */
  @Nullable
  public static SpanContext fromContext(Context context) {
    return context.get(KEY);
  }

  private ClientContext() {}
}
