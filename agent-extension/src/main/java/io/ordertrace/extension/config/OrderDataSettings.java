/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import io.ordertrace.extension.routes.RouteTemplates;
import java.util.ArrayList;
import java.util.List;

/**
 * The properties of the order data features (issue 11), parsed once: how long spans are held so
 * that they can get the order id learnt later ({@code ordertrace.hold.*}) and the routes of servers
 * that report none ({@code ordertrace.routes}).
 */
public final class OrderDataSettings {

  public static final String ROUTES = "ordertrace.routes";
  public static final String HOLD_MAX_SPANS = "ordertrace.hold.max-spans";
  public static final String HOLD_MAX_BYTES = "ordertrace.hold.max-bytes";
  public static final String HOLD_MAX_TRACES = "ordertrace.hold.max-traces";
  public static final String HOLD_TIMEOUT_MS = "ordertrace.hold.timeout-ms";

  private static final String PATH_SOURCE = "path:";

  private final HoldLimits holdLimits;
  private final RouteTemplates routes;

  private OrderDataSettings(HoldLimits holdLimits, RouteTemplates routes) {
    this.holdLimits = holdLimits;
    this.routes = routes;
  }

  static OrderDataSettings parse(PropertySource source, ConfigErrors errors) {
    HoldLimits hold =
        new HoldLimits(
            Numbers.wholeNumber(
                source, HOLD_MAX_SPANS, HoldLimits.DEFAULT_MAX_SPANS, 0, 100_000, errors),
            Numbers.wholeNumber(
                source, HOLD_MAX_BYTES, HoldLimits.DEFAULT_MAX_BYTES, 0, 64 << 20, errors),
            Numbers.wholeNumber(
                source, HOLD_MAX_TRACES, HoldLimits.DEFAULT_MAX_TRACES, 0, 100_000, errors),
            Numbers.wholeNumber(
                source, HOLD_TIMEOUT_MS, HoldLimits.DEFAULT_TIMEOUT_MILLIS, 100, 600_000, errors));
    RouteTemplates routes =
        RouteTemplates.parse(
            Lists.split(source.get(ROUTES), ','), derivedRoutes(source), ROUTES, errors);
    return new OrderDataSettings(hold, routes);
  }

  /**
   * Routes known without configuring them: the request matchers of the stage rules ({@code POST
   * /mes/orders/{id}/ship}) and the order-id path templates ({@code /mes/orders/{id}}).
   */
  private static List<String> derivedRoutes(PropertySource source) {
    List<String> routes = new ArrayList<>();
    String stageRules = source.get(OrderTraceConfig.STAGE_RULES);
    for (String rule : Lists.split(stageRules == null ? StageRules.DEFAULTS : stageRules, ',')) {
      int eq = rule.lastIndexOf('=');
      String matcher = eq > 0 ? rule.substring(0, eq).trim() : "";
      if (matcher.indexOf(' ') > 0 && !matcher.startsWith("message:")) {
        routes.add(matcher);
      }
    }
    String sources = source.get(OrderTraceConfig.ORDER_ID_SOURCES);
    for (String entry :
        Lists.split(sources == null ? OrderTraceConfig.DEFAULT_ORDER_ID_SOURCES : sources, ',')) {
      if (entry.startsWith(PATH_SOURCE)) {
        routes.add(entry.substring(PATH_SOURCE.length()).trim());
      }
    }
    return routes;
  }

  /** Bounds for holding ended spans until their local root knows the order id. */
  public HoldLimits holdLimits() {
    return holdLimits;
  }

  /** Routes for servers that report none. */
  public RouteTemplates routes() {
    return routes;
  }
}
