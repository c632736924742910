/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentDefaultsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<unset> | tracecontext,ordertrace",
        "tracecontext,baggage | tracecontext,ordertrace",
        "tracecontext,baggage,b3 | tracecontext,b3,ordertrace",
        "b3multi | b3multi,ordertrace",
      })
  void ordertraceReplacesTheStockBaggagePropagator(String configured, String expected) {
    Map<String, String> properties = new HashMap<>();
    if (!configured.equals("<unset>")) {
      properties.put("otel.propagators", configured);
    }
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.propagators(DefaultConfigProperties.createFromMap(properties), overrides);
    assertThat(overrides).containsEntry("otel.propagators", expected);
  }

  @Test
  void propagatorsAlreadyRightAreLeftAlone() {
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.propagators(
        DefaultConfigProperties.createFromMap(
            Collections.singletonMap("otel.propagators", "tracecontext,ordertrace")),
        overrides);
    assertThat(overrides).isEmpty();
  }

  @Test
  void responseHeaderSourcesAreCapturedByTheHttpInstrumentation() {
    OrderTraceConfig config =
        OrderTraceConfig.parse(
            PropertySource.of(
                Collections.singletonMap(
                    "ordertrace.order-id.sources",
                    "response-header:Location,response-header:X-Order-Id")),
            (p, v, r) -> {});
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.capturedResponseHeaders(
        DefaultConfigProperties.createFromMap(
            Collections.singletonMap(
                AgentDefaults.CAPTURE_RESPONSE_HEADERS, "x-request-id,location")),
        config,
        overrides);
    assertThat(overrides)
        .containsEntry(
            AgentDefaults.CAPTURE_RESPONSE_HEADERS,
            "x-request-id,location,X-Order-Id,content-length");
  }

  @Test
  void defaultsTurnOnTheSamplerAndMdcBaggage() {
    assertThat(AgentDefaults.defaults())
        .containsEntry("otel.traces.sampler", "ordertrace")
        .containsEntry("otel.instrumentation.logback-mdc.add-baggage", "true")
        .containsEntry("otel.instrumentation.log4j-context-data.add-baggage", "true");
  }

  @Test
  void bodySizesComeFromCapturedContentLengthNotFromTheExperimentalTelemetry() {
    assertThat(AgentDefaults.defaults())
        .doesNotContainKeys(
            "otel.instrumentation.http.server.emit-experimental-telemetry",
            "otel.instrumentation.http.client.emit-experimental-telemetry",
            "otel.metrics.exporter",
            "otel.logs.exporter");

    Map<String, String> configured = new HashMap<>();
    configured.put(AgentDefaults.CAPTURE_SERVER_REQUEST_HEADERS, "X-Request-Id");
    configured.put(AgentDefaults.CAPTURE_CLIENT_RESPONSE_HEADERS, "Content-Length");
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.capturedBodySizeHeaders(
        DefaultConfigProperties.createFromMap(configured), overrides);

    assertThat(overrides)
        .containsEntry(AgentDefaults.CAPTURE_SERVER_REQUEST_HEADERS, "X-Request-Id,content-length")
        .containsEntry(AgentDefaults.CAPTURE_CLIENT_REQUEST_HEADERS, "content-length")
        // already captured (any case): left as configured
        .doesNotContainKey(AgentDefaults.CAPTURE_CLIENT_RESPONSE_HEADERS);
  }
}
