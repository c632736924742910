/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import com.google.auto.service.AutoService;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The requeue flag of a RabbitMQ {@code basic.nack} or {@code basic.reject} (requirement C2): the
 * agent's settle span names the command but not its arguments. Switch it off with {@code
 * otel.instrumentation.ordertrace-rabbitmq-requeue.enabled=false}.
 */
@AutoService(InstrumentationModule.class)
public final class RequeueInstrumentationModule extends InstrumentationModule {

  public RequeueInstrumentationModule() {
    super("ordertrace-rabbitmq-requeue");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("com.rabbitmq.client.impl.AMQImpl$Basic$Nack");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new SettleCommandInstrumentation());
  }
}
