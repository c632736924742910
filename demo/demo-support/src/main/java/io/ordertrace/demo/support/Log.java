/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging of the plain-JDK services, through plain {@code java.util.logging} like the legacy MES:
 * the JDK's {@code ConsoleHandler} and {@code SimpleFormatter}, one line per record (plus the stack
 * trace of an error). No MDC, no order id added here: whatever correlation the lines get comes from
 * outside the code (the tracing agent).
 */
public final class Log {
  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

  static {
    // A one-line layout unless the operator configured JUL (a logging.properties file or format).
    if (System.getProperty(FORMAT_PROPERTY) == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty(FORMAT_PROPERTY, "%1$tFT%1$tT.%1$tL%1$tz %4$s [%3$s] %5$s%6$s%n");
    }
  }

  private final Logger logger;

  private Log(Logger logger) {
    this.logger = logger;
  }

  public static Log get(Class<?> type) {
    return new Log(Logger.getLogger(type.getName()));
  }

  public void info(String msg) {
    logger.logp(Level.INFO, null, null, msg);
  }

  public void warn(String msg) {
    logger.logp(Level.WARNING, null, null, msg);
  }

  public void error(String msg, Throwable t) {
    logger.logp(Level.SEVERE, null, null, msg, t);
  }
}
