/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.StageRules;
import io.ordertrace.extension.messaging.MessagingAttributes;
import io.ordertrace.extension.routes.RouteTemplates;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * Decides, when a span is ending (attributes still writable, status known), what it says about the
 * order (requirements D4, D5, C2):
 *
 * <ul>
 *   <li>SERVER spans: {@code http.route} and the span name from {@code ordertrace.routes} when the
 *       server reported no route (or only its context path, as the JDK {@code HttpServer} does);
 *       {@code order.stage} when the stage rule's request succeeded (HTTP status below 400, no
 *       error), otherwise {@code order.stage.failed} and status ERROR.
 *   <li>CONSUMER spans: the settlement ({@code ack}, {@code nack}, {@code reject}) seen from the
 *       channel commands run inside them, and the requeue flag of a nack or reject (which {@link
 *       io.ordertrace.extension.messaging.RequeueInstrumentationModule} puts on the command's
 *       span); {@code order.stage} only when the message was processed without error and not
 *       refused; a consumer that acked without any downstream call (client or producer span) is a
 *       silent drop: {@code order.message.dropped=true}, {@code order.stage.failed} and status
 *       ERROR.
 *   <li>HTTP CLIENT spans: the name {@code METHOD peer}, with {@code peer.service} or else the host
 *       name called.
 * </ul>
 *
 * Attribute writes only, on the thread that ends the span: no I/O, no locks.
 */
public final class OrderOutcomeSpanProcessor implements ExtendedSpanProcessor {

  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");

  /** The newer convention's name for the same (opt-in semantic conventions). */
  static final AttributeKey<String> SERVICE_PEER_NAME = AttributeKey.stringKey("service.peer.name");

  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

  /** Bound for consumer spans in progress that reached a downstream step. */
  private static final int MAX_TRACKED = 10_000;

  private final StageRules stageRules;
  private final RouteTemplates routes;
  private final Set<Span> reachedDownstream =
      Collections.newSetFromMap(new ConcurrentHashMap<Span, Boolean>());

  /** Settle command spans in progress, and the consumer span they settle. */
  private final ConcurrentHashMap<Span, ReadWriteSpan> settling = new ConcurrentHashMap<>();

  private final HookFailures failures = new HookFailures("order outcome");

  public OrderOutcomeSpanProcessor(StageRules stageRules, RouteTemplates routes) {
    this.stageRules = stageRules;
    this.routes = routes;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      Span root = LocalRootSpan.fromContextOrNull(parentContext);
      if (root == null) {
        root = Span.fromContext(parentContext);
      }
      if (!(root instanceof ReadWriteSpan)) {
        return;
      }
      ReadWriteSpan consumer = (ReadWriteSpan) root;
      if (consumer.getKind() != SpanKind.CONSUMER || consumer.hasEnded()) {
        return;
      }
      String settlement = MessagingAttributes.settlementOf(span.getName());
      if (settlement != null) {
        consumer.setAttribute(MessagingAttributes.SETTLEMENT, settlement);
        if (!"ack".equals(settlement) && settling.size() < MAX_TRACKED) {
          settling.put(span, consumer);
        }
        return;
      }
      SpanKind kind = span.getKind();
      if ((kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER)
          && reachedDownstream.size() < MAX_TRACKED) {
        reachedDownstream.add(consumer);
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnding(ReadWriteSpan span) {
    try {
      if (!settling.isEmpty()) {
        copyRequeue(span);
      }
      switch (span.getKind()) {
        case SERVER:
          onServerEnding(span);
          break;
        case CONSUMER:
          onConsumerEnding(span);
          break;
        case CLIENT:
          onClientEnding(span);
          break;
        default:
          break;
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  /** The requeue flag the settle command's span got goes to the consumer span it settles. */
  private void copyRequeue(ReadWriteSpan span) {
    ReadWriteSpan consumer = settling.remove(span);
    if (consumer == null || consumer.hasEnded()) {
      return;
    }
    Boolean requeue = span.getAttribute(MessagingAttributes.REQUEUE);
    if (requeue != null) {
      consumer.setAttribute(MessagingAttributes.REQUEUE, requeue);
    }
  }

  private void onServerEnding(ReadWriteSpan span) {
    String method = span.getAttribute(HTTP_REQUEST_METHOD);
    String path = span.getAttribute(URL_PATH);
    if (method == null || path == null) {
      return;
    }
    String reported = span.getAttribute(HTTP_ROUTE);
    if (reported == null || isContextPathOnly(reported, path)) {
      String route = routes.route(method, path);
      if (route != null) {
        span.setAttribute(HTTP_ROUTE, route);
        span.updateName(method + " " + route);
      }
    }
    String stage = stageRules.forRequest(method, path);
    if (stage == null) {
      return;
    }
    Long status = span.getAttribute(HTTP_RESPONSE_STATUS_CODE);
    boolean failed =
        (status != null && status >= 400)
            || span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
    if (failed) {
      span.setAttribute(OrderTraceAttributes.ORDER_STAGE_FAILED, stage);
      span.setStatus(StatusCode.ERROR, status != null ? "HTTP " + status : "request failed");
    } else {
      span.setAttribute(OrderTraceAttributes.ORDER_STAGE, stage);
    }
  }

  /** {@code /} for {@code /mes/orders/42/ship}: a server that only knows its context path. */
  private static boolean isContextPathOnly(String route, String path) {
    return route.indexOf('{') < 0
        && route.indexOf('*') < 0
        && route.indexOf(':') < 0
        && !route.equals(path)
        && path.startsWith(route);
  }

  private void onConsumerEnding(ReadWriteSpan span) {
    boolean downstream = reachedDownstream.remove(span);
    if (!"rabbitmq".equals(span.getAttribute(MESSAGING_SYSTEM))) {
      return;
    }
    String settlement = span.getAttribute(MessagingAttributes.SETTLEMENT);
    boolean silentDrop = "ack".equals(settlement) && !downstream;
    if (silentDrop) {
      span.setAttribute(MessagingAttributes.DROPPED, true);
    }
    String stage =
        stageRules.forMessage(
            span.getAttribute(MessagingAttributes.EXCHANGE),
            span.getAttribute(MessagingAttributes.ROUTING_KEY),
            span.getAttribute(MessagingAttributes.DESTINATION_NAME));
    boolean error = span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
    boolean refused = "nack".equals(settlement) || "reject".equals(settlement);
    if (stage == null) {
      if (silentDrop || refused) {
        span.setStatus(StatusCode.ERROR, description(settlement, silentDrop));
      }
      return;
    }
    if (error || refused || silentDrop) {
      span.setAttribute(OrderTraceAttributes.ORDER_STAGE_FAILED, stage);
      span.setStatus(StatusCode.ERROR, description(settlement, silentDrop));
    } else {
      span.setAttribute(OrderTraceAttributes.ORDER_STAGE, stage);
    }
  }

  private static String description(@Nullable String settlement, boolean silentDrop) {
    if (silentDrop) {
      return "message acknowledged without reaching any downstream step";
    }
    return settlement == null ? "processing failed" : "message settled with " + settlement;
  }

  private static void onClientEnding(ReadWriteSpan span) {
    String method = span.getAttribute(HTTP_REQUEST_METHOD);
    if (method == null) {
      return;
    }
    String peer = span.getAttribute(PEER_SERVICE);
    if (peer == null) {
      peer = span.getAttribute(SERVICE_PEER_NAME);
    }
    if (peer == null) {
      String host = span.getAttribute(SERVER_ADDRESS);
      peer = host != null && isHostName(host) ? host : null;
    }
    if (peer != null) {
      span.updateName(method + " " + peer);
    }
  }

  /** A name, not an address literal or {@code localhost}: worth putting in a span name. */
  static boolean isHostName(String host) {
    if (host.isEmpty() || host.indexOf(':') >= 0 || host.equalsIgnoreCase("localhost")) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isOnEndingRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
