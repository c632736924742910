/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import javax.annotation.Nullable;

/**
 * On a framework's handler span (Spring MVC controller): an exception thrown by the handler is
 * remembered for the server span, which the framework then answers with an error status without
 * rethrowing.
 */
public final class HandlerErrorExtractor implements AttributesExtractor<Object, Object> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {}

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {
    if (error == null) {
      return;
    }
    ServerError holder = ServerError.fromContext(context);
    if (holder != null) {
      holder.thrown(error);
    }
  }
}
