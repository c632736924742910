/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports configuration mistakes to the agent's log, one line each. Configuration is parsed once
 * per SDK, so each mistake is reported once.
 */
public final class LoggingConfigErrors implements ConfigErrors {

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  private final AtomicInteger count = new AtomicInteger();

  @Override
  public void invalid(String property, String value, String reason) {
    count.incrementAndGet();
    logger.log(
        Level.WARNING,
        "ordertrace: ignoring invalid value of {0}: ''{1}'': {2}",
        new Object[] {property, value, reason});
  }

  @Override
  public void unknown(String key, String nearest) {
    count.incrementAndGet();
    logger.log(
        Level.WARNING,
        "ordertrace: unknown property {0} is ignored; did you mean {1}?",
        new Object[] {key, nearest});
  }

  /** How many mistakes were reported. */
  public int count() {
    return count.get();
  }
}
