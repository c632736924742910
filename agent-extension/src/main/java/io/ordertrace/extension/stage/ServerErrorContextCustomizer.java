/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.ContextCustomizer;

/** Gives every server request a place for the cause of an error resolved inside it. */
public final class ServerErrorContextCustomizer implements ContextCustomizer<Object> {

  @Override
  public Context onStart(Context context, Object request, Attributes startAttributes) {
    return ServerError.storeNew(context);
  }
}
