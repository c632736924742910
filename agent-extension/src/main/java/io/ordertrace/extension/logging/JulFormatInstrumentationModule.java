/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.logging;

import com.google.auto.service.AutoService;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * Order id and trace id in every line that {@code java.util.logging}'s standard {@code
 * SimpleFormatter} writes (requirement D7), for legacy services that log through plain JUL and have
 * no MDC: {@code ... message order=100042 trace=4bf92f35...}. Switch it off with {@code
 * otel.instrumentation.ordertrace-jul-format.enabled=false}.
 */
@AutoService(InstrumentationModule.class)
public final class JulFormatInstrumentationModule extends InstrumentationModule {

  public JulFormatInstrumentationModule() {
    super("ordertrace-jul-format");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new SimpleFormatterInstrumentation());
  }
}
