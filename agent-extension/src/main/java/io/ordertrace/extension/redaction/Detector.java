/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Finds one kind of PII in a string. Instances are immutable apart from the report-once flag. */
abstract class Detector {

  private static final Logger logger = Logger.getLogger(Redactor.class.getName());

  private final String name;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  Detector(String name) {
    this.name = name;
  }

  final String name() {
    return name;
  }

  /** Whether the value's {@link TextFeatures} leave any chance of a match. Must be cheap. */
  abstract boolean appliesTo(int features);

  /** Returns {@code text} itself when nothing was found, so the clean path allocates nothing. */
  abstract String redact(String text);

  /**
   * Logs a detector failure once. Neither the value nor the exception message is logged: both may
   * carry the very data being redacted.
   */
  final void reportFailure(Throwable error) {
    if (failureReported.compareAndSet(false, true)) {
      logger.log(
          Level.WARNING,
          "PII detector ''{0}'' failed with {1}; the affected value was replaced by {2}. "
              + "Further failures of this detector are not logged.",
          new Object[] {name, error.getClass().getName(), Markers.ERROR});
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
