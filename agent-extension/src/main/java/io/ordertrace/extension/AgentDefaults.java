package io.ordertrace.extension;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
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
    // requirement D4: request and response body sizes. The same switch also records the
    // experimental HTTP metrics (body size histograms), which cost CPU on every request; with
    // the metrics exporter off (below) they have no reader and cost next to nothing.
    defaults.put("otel.instrumentation.http.server.emit-experimental-telemetry", "true");
    defaults.put("otel.instrumentation.http.client.emit-experimental-telemetry", "true");
    // The ordertrace pipeline takes traces only (collector-config/otelcol.yaml has no metrics or
    // logs intake): RED metrics are derived from spans in the collector (U2), order ids reach
    // log lines through the MDC (D7). Recording and exporting the agent's own metrics and log
    // records would cost CPU per request (P1) only to be refused by the collector. Anyone who
    // runs a metrics or logs pipeline sets these back (otel.metrics.exporter=otlp).
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
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

  private AgentDefaults() {}
}
