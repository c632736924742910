/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.ordertrace.extension.HookFailures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * On a RabbitMQ publish span: when the channel is in confirm mode (its next publish sequence number
 * is above 0), expects the broker's confirm for this publish ({@link PublishConfirms}) and, once
 * per channel, adds a {@code ConfirmListener} that reports acks and nacks. The application's own
 * listeners are untouched; the added one only records.
 */
public final class ConfirmExtractor implements AttributesExtractor<Object, Object> {

  private final PublishConfirms confirms;
  private final Reflection reflection = new Reflection();

  /** onStart and onEnd of a publish run on the publishing thread. */
  @SuppressWarnings("ThreadLocalUsage") // per extractor (one per instrumenter), not global
  private final ThreadLocal<PublishConfirms.Pending> publishing = new ThreadLocal<>();

  @SuppressWarnings("ThreadLocalUsage") // per extractor (one per instrumenter), not global
  private final ThreadLocal<Object> publishingChannel = new ThreadLocal<>();

  private final ThreadLocal<Long> sequence = new ThreadLocal<>();
  private final Map<Object, Boolean> listening = new ConcurrentHashMap<>();
  private final HookFailures failures = new HookFailures("publisher confirm");

  public ConfirmExtractor() {
    this(PublishConfirms.INSTANCE);
  }

  ConfirmExtractor(PublishConfirms confirms) {
    this.confirms = confirms;
  }

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {
    try {
      publishing.remove();
      publishingChannel.remove();
      sequence.remove();
      if (!Boolean.TRUE.equals(reflection.call(request, "isPublish"))) {
        return;
      }
      Object channel = reflection.call(request, "getChannel");
      Object next = reflection.call(channel, "getNextPublishSeqNo");
      if (!(next instanceof Long) || (Long) next <= 0) {
        return;
      }
      if (listening.putIfAbsent(channel, Boolean.TRUE) == null) {
        listen(channel);
      }
      PublishConfirms.Pending pending = confirms.expect(channel, (Long) next);
      if (pending != null) {
        publishing.set(pending);
        publishingChannel.set(channel);
        sequence.set((Long) next);
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {
    try {
      PublishConfirms.Pending pending = publishing.get();
      Object channel = publishingChannel.get();
      Long seq = sequence.get();
      publishing.remove();
      publishingChannel.remove();
      sequence.remove();
      if (pending == null || channel == null || seq == null) {
        return;
      }
      SpanContext span = Span.fromContext(context).getSpanContext();
      if (error != null || !span.isValid() || !span.isSampled()) {
        confirms.cancel(channel, seq);
        return;
      }
      confirms.bind(pending, span.getSpanId());
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  private void listen(Object channel) throws ReflectiveOperationException {
    ClassLoader loader = channel.getClass().getClassLoader();
    Class<?> listenerType = Class.forName("com.rabbitmq.client.ConfirmListener", false, loader);
    Object listener =
        Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, new Listener(channel));
    Method add = findAddConfirmListener(channel.getClass(), listenerType);
    add.invoke(channel, listener);
  }

  private static Method findAddConfirmListener(Class<?> type, Class<?> listenerType)
      throws NoSuchMethodException {
    Method method = type.getMethod("addConfirmListener", listenerType);
    method.setAccessible(true);
    return method;
  }

  /** Reports the broker's answers for one channel; never throws into the client library. */
  private final class Listener implements InvocationHandler {
    private final Object channel;

    Listener(Object channel) {
      this.channel = channel;
    }

    @Override
    @Nullable
    public Object invoke(Object proxy, Method method, @Nullable Object[] args) {
      String name = method.getName();
      try {
        if ((name.equals("handleAck") || name.equals("handleNack"))
            && args != null
            && args.length == 2) {
          confirms.confirmed(channel, (Long) args[0], (Boolean) args[1], name.equals("handleAck"));
          return null;
        }
        if (name.equals("hashCode")) {
          return System.identityHashCode(proxy);
        }
        if (name.equals("equals")) {
          return args != null && proxy == args[0];
        }
        if (name.equals("toString")) {
          return "ordertrace publisher confirm listener";
        }
      } catch (Throwable failure) {
        failures.report(failure);
      }
      return null;
    }
  }
}
