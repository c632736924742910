/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.ordertrace.extension.config.ConfigErrors;
import io.ordertrace.extension.config.OrderTraceConfig;

/** Reads the settings the model customizer gave a component (mistakes were reported there). */
final class OrderTraceComponents {

  static OrderTraceConfig config(DeclarativeConfigProperties node) {
    return OrderTraceConfig.parse(node::getString, ConfigErrors.SILENT);
  }

  private OrderTraceComponents() {}
}
