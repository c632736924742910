/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.logging;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Appends {@code order=<id> trace=<id>} to the first line {@code SimpleFormatter.format} returns,
 * on the thread that logs (a {@code ConsoleHandler} or {@code FileHandler} formats synchronously).
 * The advice is inlined into a JDK class: it uses nothing but the OpenTelemetry API, which the
 * agent puts on the boot class path, and JDK classes.
 */
final class SimpleFormatterInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.util.logging.SimpleFormatter");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("format").and(isPublic()).and(takesArguments(1)).and(returns(String.class)),
        SimpleFormatterInstrumentation.class.getName() + "$FormatAdvice");
  }

  public static final class FormatAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return(readOnly = false) String line) {
      if (line == null) {
        return;
      }
      Context context = Context.current();
      String orderId = Baggage.fromContext(context).getEntryValue("order.id");
      SpanContext span = Span.fromContext(context).getSpanContext();
      if (orderId == null && !span.isValid()) {
        return;
      }
      String ids =
          " order="
              + (orderId == null ? "-" : orderId)
              + " trace="
              + (span.isValid() ? span.getTraceId() : "-");
      int end = line.indexOf('\n');
      if (end < 0) {
        line = line + ids;
        return;
      }
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
      line = line.substring(0, end) + ids + line.substring(end);
    }
  }
}
