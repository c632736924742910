/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Marks a client call to a destination outside {@code ordertrace.propagation.internal-hosts}: trace
 * context still goes out, business context (baggage) does not.
 */
public final class Egress {

  private static final ContextKey<Boolean> EXTERNAL = ContextKey.named("ordertrace-external");

  public static Context markExternal(Context context) {
    return context.with(EXTERNAL, Boolean.TRUE);
  }

  public static boolean isExternal(Context context) {
    return context.get(EXTERNAL) != null;
  }

  private Egress() {}
}
