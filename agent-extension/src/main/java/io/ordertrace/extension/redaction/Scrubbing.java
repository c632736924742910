/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * What the three redacting exporters share: the redactor, the resource cache, copying a batch only
 * when something in it changed, and reporting the first failure of each exporter once.
 */
final class Scrubbing {

  final Redactor redactor;
  final ResourceCache resources;
  private final Logger logger;
  private final String failureMessage;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  /**
   * @param failureMessage logged at the first failure, with the exception's class as {@code {0}}
   *     and the error marker as {@code {1}}
   */
  Scrubbing(Redactor redactor, Class<?> exporter, String failureMessage) {
    this.redactor = redactor;
    this.resources = new ResourceCache(redactor);
    this.logger = Logger.getLogger(exporter.getName());
    this.failureMessage = failureMessage;
  }

  /** Logs the first failure of this exporter; later ones are not logged. */
  void failed(Throwable e) {
    if (failureReported.compareAndSet(false, true)) {
      logger.log(
          Level.WARNING, failureMessage, new Object[] {e.getClass().getName(), Markers.ERROR});
    }
  }

  /**
   * Applies {@code redact} to every item. Returns {@code null} when every item came back as itself
   * (nothing to copy), otherwise an unmodifiable list of the results in order.
   */
  @Nullable
  static <T> List<T> each(Collection<T> items, UnaryOperator<T> redact) {
    List<T> out = null;
    int index = 0;
    for (T item : items) {
      T result = redact.apply(item);
      if (result != item && out == null) {
        out = new ArrayList<>(items.size());
        Iterator<T> earlier = items.iterator();
        for (int i = 0; i < index; i++) {
          out.add(earlier.next());
        }
      }
      if (out != null) {
        out.add(result);
      }
      index++;
    }
    return out == null ? null : Collections.unmodifiableList(out);
  }

  /** {@link #each} that returns {@code items} itself when nothing changed. */
  static <T> List<T> eachOrSame(List<T> items, UnaryOperator<T> redact) {
    List<T> out = each(items, redact);
    return out == null ? items : out;
  }
}
