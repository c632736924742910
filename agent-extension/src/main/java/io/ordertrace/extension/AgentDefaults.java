/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.http.BodySizeExtractor;
import io.ordertrace.extension.http.CapturedHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
  static final String CAPTURE_SERVER_REQUEST_HEADERS =
      "otel.instrumentation.http.server.capture-request-headers";
  static final String CAPTURE_CLIENT_REQUEST_HEADERS =
      "otel.instrumentation.http.client.capture-request-headers";
  static final String CAPTURE_CLIENT_RESPONSE_HEADERS =
      "otel.instrumentation.http.client.capture-response-headers";

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  /** Defaults only: anything the user sets wins. */
  static Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.sampler", "ordertrace");
    // requirement D7: order and user ids in the MDC as baggage.order.id / baggage.user.id
    defaults.put("otel.instrumentation.logback-mdc.add-baggage", "true");
    defaults.put("otel.instrumentation.log4j-context-data.add-baggage", "true");
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
    List<String> wanted = new ArrayList<>();
    for (IdSource source : config.orderIdSources()) {
      if (source.kind() == IdSource.Kind.RESPONSE_HEADER) {
        wanted.add(source.name());
      }
    }
    wanted.add(BodySizeExtractor.HEADER);
    captureHeaders(properties, CAPTURE_RESPONSE_HEADERS, wanted, overrides);
  }

  /**
   * Request and response body sizes (requirement D4) come from the {@code Content-Length} headers,
   * which {@link BodySizeExtractor} turns into {@code http.request.body.size} and {@code
   * http.response.body.size}. (The agent's {@code emit-experimental-telemetry} sets the same
   * attributes but records five experimental metric instruments on every request as well: a third
   * of ordertrace's extra CPU per request in issue 12.)
   */
  static void capturedBodySizeHeaders(ConfigProperties properties, Map<String, String> overrides) {
    List<String> contentLength = Collections.singletonList(BodySizeExtractor.HEADER);
    captureHeaders(properties, CAPTURE_SERVER_REQUEST_HEADERS, contentLength, overrides);
    captureHeaders(properties, CAPTURE_CLIENT_REQUEST_HEADERS, contentLength, overrides);
    captureHeaders(properties, CAPTURE_CLIENT_RESPONSE_HEADERS, contentLength, overrides);
  }

  /** Appends the headers of {@code wanted} that the list in {@code property} lacks. */
  private static void captureHeaders(
      ConfigProperties properties,
      String property,
      List<String> wanted,
      Map<String, String> overrides) {
    List<String> configured = properties.getList(property);
    List<String> headers = CapturedHeaders.with(configured, wanted);
    if (headers.size() != configured.size()) {
      overrides.put(property, String.join(",", headers));
    }
  }

  private AgentDefaults() {}
}
