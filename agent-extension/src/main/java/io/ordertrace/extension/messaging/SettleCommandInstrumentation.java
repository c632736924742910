/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Records the requeue flag on the span that is current when the client builds the {@code
 * basic.nack} or {@code basic.reject} command it sends: {@code ChannelN.basicNack} and {@code
 * basicReject} build it inside the agent's settle span ({@code basic.nack}), which {@link
 * io.ordertrace.extension.stage.OrderOutcomeSpanProcessor} then copies to the consumer span. The
 * commands the client reads from the broker (a publisher's {@code basic.nack}) are built by another
 * constructor and are not touched. The advice is inlined into the RabbitMQ client: it uses nothing
 * but the OpenTelemetry API, which the agent puts on the boot class path.
 */
final class SettleCommandInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.rabbitmq.client.impl.AMQImpl$Basic$Nack",
        "com.rabbitmq.client.impl.AMQImpl$Basic$Reject");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    // Nack(long deliveryTag, boolean multiple, boolean requeue)
    transformer.applyAdviceToMethod(
        isConstructor().and(takesArguments(long.class, boolean.class, boolean.class)),
        SettleCommandInstrumentation.class.getName() + "$NackAdvice");
    // Reject(long deliveryTag, boolean requeue)
    transformer.applyAdviceToMethod(
        isConstructor().and(takesArguments(long.class, boolean.class)),
        SettleCommandInstrumentation.class.getName() + "$RejectAdvice");
  }

  public static final class NackAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Argument(2) boolean requeue) {
      // MessagingAttributes.REQUEUE; the advice may name no class of the extension
      Span.current().setAttribute("messaging.rabbitmq.requeue", requeue);
    }
  }

  public static final class RejectAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Argument(1) boolean requeue) {
      Span.current().setAttribute("messaging.rabbitmq.requeue", requeue);
    }
  }
}
