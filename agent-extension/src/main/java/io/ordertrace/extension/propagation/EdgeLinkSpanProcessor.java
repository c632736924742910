/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.ordertrace.extension.StartOnlySpanProcessor;

/**
 * Links the new root span of a request at the edge to the trace context the client sent (see {@link
 * ClientContext}): the client's trace stays findable, but it is never the parent.
 */
public final class EdgeLinkSpanProcessor extends StartOnlySpanProcessor {

  /** Marks the link as the client's context, not a causal parent. */
  public static final Attributes LINK_ATTRIBUTES =
      Attributes.of(AttributeKey.stringKey("ordertrace.link"), "client-context");

  public EdgeLinkSpanProcessor() {
    super("edge client link");
  }

  @Override
  protected void start(Context parentContext, ReadWriteSpan span) {
    SpanContext client = ClientContext.fromContext(parentContext);
    if (client != null && !span.getParentSpanContext().isValid()) {
      span.addLink(client, LINK_ATTRIBUTES);
    }
  }
}
