/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import java.io.Closeable;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The declarative SDK closes an exporter as soon as a customizer returns anything else for it (it
 * takes the result for a replacement), so a wrapper cannot keep the exporter it was given. This
 * builds a second, identical exporter from the same configuration node with the component provider
 * that made the first one (found by the class of what it creates), for the wrapper to delegate to.
 */
final class FreshDelegate {

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  @Nullable
  static <T> T recreate(Class<T> type, T original, DeclarativeConfigProperties node) {
    for (ComponentProvider provider :
        io.opentelemetry.common.ComponentLoader.loadList(
            node.getComponentLoader(), ComponentProvider.class)) {
      if (provider.getType() != type
          || OrderTraceDeclarativeConfiguration.NAME.equals(provider.getName())) {
        continue;
      }
      Object candidate;
      try {
        candidate = provider.create(ExtendedNode.of(node));
      } catch (RuntimeException wrongProvider) {
        continue; // a provider for another exporter that cannot read this node
      }
      if (candidate != null && candidate.getClass() == original.getClass()) {
        return type.cast(candidate);
      }
      close(candidate);
    }
    logger.log(
        Level.WARNING,
        "ordertrace: cannot rebuild exporter {0} behind the redactor; it exports nothing (fail"
            + " closed). Use an otlp_http, otlp_grpc or console exporter.",
        original.getClass().getName());
    return null;
  }

  private static void close(@Nullable Object candidate) {
    if (candidate instanceof Closeable) {
      try {
        ((Closeable) candidate).close();
      } catch (Exception e) {
        // a throwaway exporter that never exported anything
      }
    }
  }

  private FreshDelegate() {}
}
