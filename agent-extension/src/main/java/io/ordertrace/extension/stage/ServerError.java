/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import javax.annotation.Nullable;

/**
 * The cause of a server error that the framework resolved before the server span ended (a Spring
 * MVC exception handler answering 500, a legacy server catching and logging the exception): kept in
 * the request's context while it runs, so the server span can record it when it ends with a 5xx
 * status (requirement D6). The first cause wins. The message is redacted by the exporter like every
 * exception message.
 */
final class ServerError {

  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  private static final ContextKey<ServerError> KEY = ContextKey.named("ordertrace-server-error");

  @Nullable private volatile Throwable thrown;
  @Nullable private volatile Attributes logged;

  static Context storeNew(Context context) {
    return context.with(KEY, new ServerError());
  }

  @Nullable
  static ServerError fromContext(Context context) {
    return context.get(KEY);
  }

  void thrown(Throwable error) {
    if (thrown == null) {
      thrown = error;
    }
  }

  void logged(String type, @Nullable String message, @Nullable String stackTrace) {
    if (logged != null) {
      return;
    }
    AttributesBuilder attributes = Attributes.builder().put(EXCEPTION_TYPE, type);
    if (message != null) {
      attributes.put(EXCEPTION_MESSAGE, message);
    }
    if (stackTrace != null) {
      attributes.put(EXCEPTION_STACKTRACE, stackTrace);
    }
    logged = attributes.build();
  }

  @Nullable
  Throwable thrown() {
    return thrown;
  }

  @Nullable
  Attributes logged() {
    return logged;
  }
}
