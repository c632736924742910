/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Contains a failure of one extension hook: the host application never sees it, and the agent log
 * gets one warning per hook, with the exception type and where it was thrown, never its message
 * (which may quote request data).
 */
public final class HookFailures {

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  private final String hook;
  private final AtomicBoolean reported = new AtomicBoolean();

  public HookFailures(String hook) {
    this.hook = hook;
  }

  public void report(Throwable failure) {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    StackTraceElement[] trace = failure.getStackTrace();
    String where = trace.length > 0 ? trace[0].toString() : "unknown";
    logger.log(
        Level.WARNING,
        "ordertrace: {0} failed with {1} at {2}; the request goes on without it. "
            + "Further failures of this hook are not logged.",
        new Object[] {hook, failure.getClass().getName(), where});
  }

  /** True once a failure was contained (for tests). */
  public boolean hasFailed() {
    return reported.get();
  }
}
