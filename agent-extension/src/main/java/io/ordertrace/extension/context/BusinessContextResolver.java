/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.common.Attributes;
import io.ordertrace.extension.config.IdPolicy;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PathTemplate;
import io.ordertrace.extension.propagation.IncomingValues;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Applies the configured id sources, in order, to an incoming request or message. Values from the
 * request itself win over incoming baggage; at an edge service incoming baggage is not used at all.
 * Every value passes the id policy before it is used.
 */
final class BusinessContextResolver {

  private final List<IdSource> orderSources;
  private final List<IdSource> userSources;
  private final IdPolicy policy;
  private final boolean edge;

  BusinessContextResolver(OrderTraceConfig config) {
    this.orderSources = config.orderIdSources();
    this.userSources = config.userIdSources();
    this.policy = config.idPolicy();
    this.edge = config.edge();
  }

  OrderContext resolve(Channel channel, Attributes start, @Nullable IncomingValues incoming) {
    String orderId = fromSources(orderSources, channel, start, incoming);
    String userId = fromSources(userSources, channel, start, incoming);
    String caller = null;
    if (!edge && incoming != null) {
      if (orderId == null) {
        orderId = incoming.baggageOrderId();
      }
      if (userId == null) {
        userId = incoming.baggageUserId();
      }
      caller = incoming.caller();
    }
    return new OrderContext(orderId, userId, caller);
  }

  @Nullable
  private String fromSources(
      List<IdSource> sources,
      Channel channel,
      Attributes start,
      @Nullable IncomingValues incoming) {
    for (int i = 0; i < sources.size(); i++) {
      String value = policy.accept(read(sources.get(i), channel, start, incoming));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Nullable
  private static String read(
      IdSource source, Channel channel, Attributes start, @Nullable IncomingValues incoming) {
    switch (source.kind()) {
      case PATH:
        PathTemplate template = source.template();
        return channel == Channel.HTTP && template != null
            ? template.capture(start.get(SemanticAttributes.URL_PATH))
            : null;
      case QUERY:
        return channel == Channel.HTTP
            ? QueryParameters.find(start.get(SemanticAttributes.URL_QUERY), source.name())
            : null;
      case HEADER:
        return channel == Channel.HTTP && incoming != null ? incoming.header(source.name()) : null;
      case MESSAGE_HEADER:
        return channel == Channel.MESSAGE && incoming != null
            ? incoming.header(source.name())
            : null;
      case JWT:
        return channel == Channel.HTTP && incoming != null
            ? JwtClaims.claim(incoming.header("Authorization"), source.name())
            : null;
      case RESPONSE_HEADER:
      default:
        // applied when the response is written: ResponseOrderIdExtractor
        return null;
    }
  }
}
