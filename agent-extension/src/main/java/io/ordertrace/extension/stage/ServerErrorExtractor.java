/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.ordertrace.extension.HookFailures;
import javax.annotation.Nullable;

/**
 * When a server span ends with a 5xx status but no exception reached the instrumentation, records
 * the cause remembered in the request ({@link ServerError}): the handler's exception, else the
 * exception the server logged while handling the request.
 */
public final class ServerErrorExtractor implements AttributesExtractor<Object, Object> {

  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final HookFailures failures = new HookFailures("server error cause");

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {}

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {
    try {
      ServerError holder = ServerError.fromContext(context);
      if (error != null || holder == null || !(attributes instanceof Attributes)) {
        return;
      }
      Long status = ((Attributes) attributes).get(STATUS);
      if (status == null || status < 500) {
        return;
      }
      Span span = Span.fromContext(context);
      Throwable thrown = holder.thrown();
      if (thrown != null) {
        span.recordException(thrown);
        attributes.put(ServerError.EXCEPTION_TYPE, thrown.getClass().getName());
        return;
      }
      Attributes logged = holder.logged();
      if (logged != null) {
        span.addEvent("exception", logged);
        attributes.put(ServerError.EXCEPTION_TYPE, logged.get(ServerError.EXCEPTION_TYPE));
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }
}
