/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.OrderTraceConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The agent properties this extension sets: defaults a user may override, and merges. */
final class AgentDefaults {

  static final String PROPAGATORS = "otel.propagators";
  static final String CAPTURE_RESPONSE_HEADERS =
      "otel.instrumentation.http.server.capture-response-headers";

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  /** Defaults only: anything the user sets wins. */
  static Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.sampler", "ordertrace");
    // requirement D7: order and user ids in the MDC as baggage.order.id / baggage.user.id
    defaults.put("otel.instrumentation.logback-mdc.add-baggage", "true");
    defaults.put("otel.instrumentation.log4j-context-data.add-baggage", "true");
    // requirement D4: request and response body sizes (span attributes). The same switch also
    // records experimental HTTP metrics on every request; those are dropped by
    // dropExperimentalHttpMetrics below (P1).
    defaults.put("otel.instrumentation.http.server.emit-experimental-telemetry", "true");
    defaults.put("otel.instrumentation.http.client.emit-experimental-telemetry", "true");
    // requirement D6: the controller span hands a Spring MVC exception to the server span
    defaults.put("otel.instrumentation.common.experimental.controller-telemetry.enabled", "true");
    return defaults;
  }

  /**
   * {@code ordertrace} must be among the propagators, and the stock {@code baggage} one must not:
   * it would forward every baggage entry to every host, external ones included.
   */
  static void propagators(ConfigProperties properties, Map<String, String> overrides) {
    List<String> configured =
        properties.getList(PROPAGATORS, Arrays.asList("tracecontext", "baggage"));
    List<String> result = new ArrayList<>();
    boolean changed = false;
    for (String name : configured) {
      String normalized = name.trim().toLowerCase(Locale.ROOT);
      if (normalized.equals("none")) {
        logger.log(
            Level.WARNING,
            "ordertrace: {0}=none: order and user ids will not cross service boundaries",
            PROPAGATORS);
        return;
      }
      if (normalized.equals("baggage")) {
        changed = true;
        continue;
      }
      if (!result.contains(normalized)) {
        result.add(normalized);
      }
    }
    // last, so that it sees (and at the edge, detaches) the trace context the others extracted
    int at = result.indexOf("ordertrace");
    if (at != result.size() - 1) {
      if (at >= 0) {
        result.remove(at);
      }
      result.add("ordertrace");
      changed = true;
    }
    if (changed) {
      overrides.put(PROPAGATORS, String.join(",", result));
    }
  }

  /** The HTTP instrumentation must capture the headers {@code response-header:} sources read. */
  static void capturedResponseHeaders(
      ConfigProperties properties, OrderTraceConfig config, Map<String, String> overrides) {
    List<String> headers = new ArrayList<>(properties.getList(CAPTURE_RESPONSE_HEADERS));
    boolean changed = false;
    for (IdSource source : config.orderIdSources()) {
      if (source.kind() != IdSource.Kind.RESPONSE_HEADER) {
        continue;
      }
      boolean present = false;
      for (String header : headers) {
        present |= header.trim().equalsIgnoreCase(source.name());
      }
      if (!present) {
        headers.add(source.name());
        changed = true;
      }
    }
    if (changed) {
      overrides.put(CAPTURE_RESPONSE_HEADERS, String.join(",", headers));
    }
  }

  /**
   * The metrics that {@code emit-experimental-telemetry} adds besides the body-size span attributes
   * ordertrace wants (D4). Recording them cost CPU on every request (issue 12: about a third of the
   * agent's extra cost over the upstream agent); nothing in ordertrace reads them.
   */
  static final List<String> EXPERIMENTAL_HTTP_METRICS =
      Arrays.asList(
          "http.server.request.body.size",
          "http.server.response.body.size",
          "http.server.active_requests",
          "http.client.request.body.size",
          "http.client.response.body.size");

  /**
   * Drops {@link #EXPERIMENTAL_HTTP_METRICS} with views, so their instruments record nothing. The
   * stable HTTP metrics (request duration) stay, as with the upstream agent.
   */
  static SdkMeterProviderBuilder dropExperimentalHttpMetrics(
      SdkMeterProviderBuilder builder, ConfigProperties properties) {
    for (String name : EXPERIMENTAL_HTTP_METRICS) {
      builder.registerView(
          InstrumentSelector.builder().setName(name).build(),
          View.builder().setAggregation(Aggregation.drop()).build());
    }
    return builder;
  }

  private AgentDefaults() {}
}
