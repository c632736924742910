/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every {@code ordertrace.*} property, parsed once into typed values. A bad value is reported
 * through {@link ConfigErrors} (naming the property and the value) and replaced by its default, or,
 * in a list, skipped: the rest of the configuration keeps working.
 */
public final class OrderTraceConfig {

  public static final String ORDER_ID_SOURCES = "ordertrace.order-id.sources";
  public static final String USER_ID_SOURCES = "ordertrace.user-id.sources";
  public static final String EDGE = "ordertrace.edge";
  public static final String INTERNAL_HOSTS = "ordertrace.propagation.internal-hosts";
  public static final String ID_MAX_LENGTH = "ordertrace.id.max-length";
  public static final String DROP_PATHS = "ordertrace.sampler.drop-paths";
  public static final String SAMPLER_RATIO = "ordertrace.sampler.ratio";
  public static final String STAGE_RULES = "ordertrace.stage.rules";

  public static final String DEFAULT_ORDER_ID_SOURCES =
      "path:/api/orders/{id},path:/crm/orders/{id},path:/mes/orders/{id},query:orderId,"
          + "header:X-Order-Id,message-header:order_id";
  public static final String DEFAULT_USER_ID_SOURCES = "header:X-User-Id,jwt:sub";
  public static final String DEFAULT_DROP_PATHS = "/health,/actuator/**,/metrics,/ready,/live";
  public static final int DEFAULT_ID_MAX_LENGTH = 64;

  private final List<IdSource> orderIdSources;
  private final List<IdSource> userIdSources;
  private final boolean edge;
  private final HostMatcher internalHosts;
  private final IdPolicy idPolicy;
  private final PathPatterns dropPaths;
  private final double samplerRatio;
  private final StageRules stageRules;
  private final RedactionSettings redaction;
  private final OrderDataSettings orderData;

  private OrderTraceConfig(
      List<IdSource> orderIdSources,
      List<IdSource> userIdSources,
      boolean edge,
      HostMatcher internalHosts,
      IdPolicy idPolicy,
      PathPatterns dropPaths,
      double samplerRatio,
      StageRules stageRules,
      RedactionSettings redaction,
      OrderDataSettings orderData) {
    this.orderIdSources = orderIdSources;
    this.userIdSources = userIdSources;
    this.edge = edge;
    this.internalHosts = internalHosts;
    this.idPolicy = idPolicy;
    this.dropPaths = dropPaths;
    this.samplerRatio = samplerRatio;
    this.stageRules = stageRules;
    this.redaction = redaction;
    this.orderData = orderData;
  }

  /** The configuration with every property at its default. */
  public static OrderTraceConfig defaults() {
    return parse(
        property -> null,
        (property, value, reason) -> {
          throw new IllegalStateException("default of " + property + " is invalid: " + reason);
        });
  }

  public static OrderTraceConfig parse(PropertySource source, ConfigErrors errors) {
    return new OrderTraceConfig(
        idSources(source, ORDER_ID_SOURCES, DEFAULT_ORDER_ID_SOURCES, false, errors),
        idSources(source, USER_ID_SOURCES, DEFAULT_USER_ID_SOURCES, true, errors),
        Flags.securityFlag(source, EDGE, false, true, errors),
        HostMatcher.parse(
            Lists.split(value(source, INTERNAL_HOSTS, HostMatcher.DEFAULTS), ','),
            INTERNAL_HOSTS,
            errors),
        new IdPolicy(
            Numbers.wholeNumber(source, ID_MAX_LENGTH, DEFAULT_ID_MAX_LENGTH, 1, 256, errors)),
        PathPatterns.parse(
            Lists.split(value(source, DROP_PATHS, DEFAULT_DROP_PATHS), ','), DROP_PATHS, errors),
        ratio(source, errors),
        StageRules.parse(
            Lists.split(value(source, STAGE_RULES, StageRules.DEFAULTS), ','), STAGE_RULES, errors),
        RedactionSettings.parse(source, errors),
        OrderDataSettings.parse(source, errors));
  }

  /**
   * The configuration of one SDK, from the SDK's own view of the properties (system properties,
   * environment, the agent configuration file). Keys under {@code ordertrace.} that no setting has
   * are reported with the nearest known name.
   */
  public static OrderTraceConfig fromConfigProperties(
      ConfigProperties properties, ConfigErrors errors) {
    KnownProperties.reportUnknown(ConfiguredKeys.of(properties), errors);
    return parse(PropertySource.of(properties), errors);
  }

  private static String value(PropertySource source, String property, String defaultValue) {
    String value = source.get(property);
    return value == null ? defaultValue : value;
  }

  /**
   * An empty list (set to nothing, or nothing valid in it) would silently stop ids being read:
   * refused, the default list is used and the line says so.
   */
  private static List<IdSource> idSources(
      PropertySource source,
      String property,
      String defaults,
      boolean allowJwt,
      ConfigErrors errors) {
    String raw = source.get(property);
    List<IdSource> sources = parseSources(raw == null ? defaults : raw, property, allowJwt, errors);
    if (sources.isEmpty() && raw != null) {
      errors.invalid(
          property,
          raw,
          "no usable source left, so no id would ever be read; refused, using the default "
              + defaults);
      return parseSources(defaults, property, allowJwt, errors);
    }
    return sources;
  }

  private static List<IdSource> parseSources(
      String value, String property, boolean allowJwt, ConfigErrors errors) {
    List<IdSource> sources = new ArrayList<>();
    for (String entry : Lists.split(value, ',')) {
      try {
        sources.add(IdSource.parse(entry, allowJwt));
      } catch (IllegalArgumentException e) {
        errors.invalid(property, entry, e.getMessage());
      }
    }
    return Collections.unmodifiableList(sources);
  }

  private static double ratio(PropertySource source, ConfigErrors errors) {
    String raw = source.get(SAMPLER_RATIO);
    if (raw == null || raw.trim().isEmpty()) {
      return 1.0;
    }
    try {
      double value = Double.parseDouble(raw.trim());
      if (value >= 0.0 && value <= 1.0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.invalid(SAMPLER_RATIO, raw, "expected a number from 0.0 to 1.0; using 1.0");
    return 1.0;
  }

  /** Where order ids are read, in priority order. */
  public List<IdSource> orderIdSources() {
    return orderIdSources;
  }

  /** Where user ids are read, in priority order. */
  public List<IdSource> userIdSources() {
    return userIdSources;
  }

  /** True for public-facing services: incoming baggage is never trusted there. */
  public boolean edge() {
    return edge;
  }

  public HostMatcher internalHosts() {
    return internalHosts;
  }

  public IdPolicy idPolicy() {
    return idPolicy;
  }

  public PathPatterns dropPaths() {
    return dropPaths;
  }

  public double samplerRatio() {
    return samplerRatio;
  }

  public StageRules stageRules() {
    return stageRules;
  }

  /** The {@code ordertrace.redaction.*} properties. */
  public RedactionSettings redaction() {
    return redaction;
  }

  /**
   * Holding spans for the order id, routes: the {@code ordertrace.hold.*} and {@code
   * ordertrace.routes} properties.
   */
  public OrderDataSettings orderData() {
    return orderData;
  }
}
