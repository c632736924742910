/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.IdPolicy;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PathTemplate;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * An order is born inside the request that creates it: its id exists only in the response ({@code
 * Location: /api/orders/42} or a header). When the server span ends without an order id, this reads
 * the response headers the HTTP instrumentation captured ({@code http.response.header.*}, enabled
 * for the configured names) and sets {@code order.id}.
 */
final class ResponseOrderIdExtractor implements AttributesExtractor<Object, Object> {

  private final List<String> headerNames;
  private final List<AttributeKey<List<String>>> headerKeys;
  private final List<PathTemplate> pathTemplates;
  private final IdPolicy policy;
  private final HookFailures failures = new HookFailures("order id from response");

  private ResponseOrderIdExtractor(
      List<String> headerNames, List<PathTemplate> pathTemplates, IdPolicy policy) {
    this.headerNames = headerNames;
    this.pathTemplates = pathTemplates;
    this.policy = policy;
    this.headerKeys = new ArrayList<>();
    for (String name : headerNames) {
      headerKeys.add(SemanticAttributes.responseHeader(name));
    }
  }

  /** Returns {@code null} when no {@code response-header:} source is configured. */
  @Nullable
  static ResponseOrderIdExtractor create(OrderTraceConfig config) {
    List<String> names = responseHeaderNames(config);
    if (names.isEmpty()) {
      return null;
    }
    List<PathTemplate> templates = new ArrayList<>();
    for (IdSource source : config.orderIdSources()) {
      if (source.template() != null) {
        templates.add(source.template());
      }
    }
    return new ResponseOrderIdExtractor(names, templates, config.idPolicy());
  }

  /** The response headers the HTTP instrumentation must capture for this to work. */
  static List<String> responseHeaderNames(OrderTraceConfig config) {
    List<String> names = new ArrayList<>();
    for (IdSource source : config.orderIdSources()) {
      if (source.kind() == IdSource.Kind.RESPONSE_HEADER) {
        names.add(source.name());
      }
    }
    return names;
  }

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {}

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {
    try {
      OrderContext order = OrderContext.fromContext(context);
      if ((order != null && order.orderId() != null) || !(attributes instanceof Attributes)) {
        return;
      }
      Attributes captured = (Attributes) attributes;
      for (int i = 0; i < headerKeys.size(); i++) {
        List<String> values = captured.get(headerKeys.get(i));
        if (values == null || values.isEmpty()) {
          continue;
        }
        String id = policy.accept(idFrom(headerNames.get(i), values.get(0)));
        if (id != null) {
          attributes.put(OrderTraceAttributes.ORDER_ID, id);
          return;
        }
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Nullable
  private String idFrom(String header, @Nullable String value) {
    if (value == null || !header.equalsIgnoreCase("Location")) {
      return value;
    }
    String path = pathOf(value);
    for (int i = 0; i < pathTemplates.size(); i++) {
      String id = pathTemplates.get(i).capture(path);
      if (id != null) {
        return id;
      }
    }
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
  }

  /** {@code https://shop/api/orders/42?x=1} and {@code /api/orders/42} both give the path. */
  private static String pathOf(String location) {
    int start = 0;
    int scheme = location.indexOf("://");
    if (scheme >= 0) {
      int slash = location.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      start = slash;
    }
    int end = location.length();
    int query = location.indexOf('?', start);
    if (query >= 0) {
      end = query;
    }
    int fragment = location.indexOf('#', start);
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return location.substring(start, end);
  }
}
