/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.config.IdPolicy;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.OrderTraceConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The W3C {@code baggage} header, restricted to what this extension owns, plus the headers named by
 * the id sources. Selected with {@code otel.propagators=tracecontext,ordertrace}.
 *
 * <p>Extract reads (never trusts) the incoming values; the SERVER/CONSUMER span's context
 * customizer decides what to keep. Inject writes {@code order.id}, {@code user.id} and this
 * service's name, unless the destination is external.
 */
public final class OrderTracePropagator implements TextMapPropagator {

  static final String BAGGAGE_HEADER = "baggage";
  private static final String AUTHORIZATION = "Authorization";

  private static final ContextKey<OrderTraceConfig> CONFIG = ContextKey.named("ordertrace-config");

  private final OrderTraceConfig config;
  private final boolean edge;
  private final IdPolicy policy;
  private final BaggageCodec codec;
  private final String[] capturedHeaders;
  @Nullable private final String callerName;
  private final HookFailures extractFailures = new HookFailures("baggage extraction");
  private final HookFailures injectFailures = new HookFailures("baggage injection");

  public OrderTracePropagator(OrderTraceConfig config, @Nullable String serviceName) {
    this.config = config;
    this.edge = config.edge();
    this.policy = config.idPolicy();
    this.codec = new BaggageCodec(config.idPolicy());
    this.capturedHeaders = capturedHeaders(config);
    this.callerName = policy.accept(serviceName);
  }

  private static String[] capturedHeaders(OrderTraceConfig config) {
    List<String> names = new ArrayList<>();
    List<IdSource> sources = new ArrayList<>(config.orderIdSources());
    sources.addAll(config.userIdSources());
    for (IdSource source : sources) {
      String name;
      switch (source.kind()) {
        case HEADER:
        case MESSAGE_HEADER:
          name = source.name();
          break;
        case JWT:
          name = AUTHORIZATION;
          break;
        default:
          continue;
      }
      boolean seen = false;
      for (String existing : names) {
        seen |= existing.equalsIgnoreCase(name);
      }
      if (!seen) {
        names.add(name);
      }
    }
    return names.toArray(new String[0]);
  }

  @Override
  public Collection<String> fields() {
    return Collections.singletonList(BAGGAGE_HEADER);
  }

  @Override
  public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
    if (carrier == null) {
      return;
    }
    try {
      if (Egress.isExternal(context)) {
        return;
      }
      Baggage baggage = Baggage.fromContext(context);
      String orderId = policy.accept(baggage.getEntryValue(OwnedBaggage.ORDER_ID));
      String userId = policy.accept(baggage.getEntryValue(OwnedBaggage.USER_ID));
      if (orderId == null && userId == null && callerName == null) {
        return;
      }
      setter.set(carrier, BAGGAGE_HEADER, BaggageCodec.encode(orderId, userId, callerName));
    } catch (Throwable failure) {
      injectFailures.report(failure);
    }
  }

  @Override
  public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
    if (carrier == null) {
      return context;
    }
    if (carrier == ConfigProbe.INSTANCE) {
      return context.with(CONFIG, config);
    }
    try {
      if (edge) {
        // the client's traceparent is never a parent at the edge: a trace of our own, with a link
        context = ClientContext.detach(context);
      }
      String[] values = null;
      for (int i = 0; i < capturedHeaders.length; i++) {
        String value = getter.get(carrier, capturedHeaders[i]);
        if (value != null) {
          if (values == null) {
            values = new String[capturedHeaders.length];
          }
          values[i] = value;
        }
      }
      BaggageCodec.Entries entries =
          edge ? null : codec.decode(getter.get(carrier, BAGGAGE_HEADER));
      if (values == null && entries == null) {
        return context;
      }
      return new IncomingValues(
              capturedHeaders,
              values == null ? new String[capturedHeaders.length] : values,
              entries == null ? null : entries.orderId,
              entries == null ? null : entries.userId,
              entries == null ? null : entries.caller)
          .storeIn(context);
    } catch (Throwable failure) {
      extractFailures.report(failure);
      return edge ? ClientContext.detach(context) : context;
    }
  }

  /** The configuration this propagator was built with. */
  public OrderTraceConfig config() {
    return config;
  }

  /**
   * The configuration of the {@code ordertrace} propagator inside {@code propagator} (usually the
   * SDK's composite one), or {@code null} when it is not installed. This is how hooks the agent
   * creates outside the SDK (instrumenter customizers) reach the one configuration of the SDK.
   */
  @Nullable
  public static OrderTraceConfig configOf(TextMapPropagator propagator) {
    return propagator
        .extract(Context.root(), ConfigProbe.INSTANCE, ConfigProbe.INSTANCE)
        .get(CONFIG);
  }

  /** A carrier no other propagator finds anything in. */
  private enum ConfigProbe implements TextMapGetter<Object> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Object carrier) {
      return Collections.emptyList();
    }

    @Override
    @Nullable
    public String get(@Nullable Object carrier, String key) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "OrderTracePropagator{edge=" + edge + ", caller=" + callerName + '}';
  }
}
