/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
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
        .containsEntry(AgentDefaults.CAPTURE_RESPONSE_HEADERS, "x-request-id,location,X-Order-Id");
  }

  @Test
  void defaultsTurnOnTheSamplerAndMdcBaggage() {
    assertThat(AgentDefaults.defaults())
        .containsEntry("otel.traces.sampler", "ordertrace")
        .containsEntry("otel.instrumentation.logback-mdc.add-baggage", "true")
        .containsEntry("otel.instrumentation.log4j-context-data.add-baggage", "true");
  }

  @Test
  void bodySizesStayOnSpansButTheExperimentalHttpMetricsAreDropped() {
    assertThat(AgentDefaults.defaults())
        .containsEntry("otel.instrumentation.http.server.emit-experimental-telemetry", "true")
        .containsEntry("otel.instrumentation.http.client.emit-experimental-telemetry", "true")
        .doesNotContainKeys("otel.metrics.exporter", "otel.logs.exporter");

    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meterProvider =
        AgentDefaults.dropExperimentalHttpMetrics(
                SdkMeterProvider.builder().registerMetricReader(reader),
                DefaultConfigProperties.createFromMap(Collections.emptyMap()))
            .build();
    Meter meter = meterProvider.get("io.opentelemetry.tomcat-10.0");
    meter.histogramBuilder("http.server.request.body.size").ofLongs().build().record(512);
    meter.upDownCounterBuilder("http.server.active_requests").build().add(1);
    meter.histogramBuilder("http.server.request.duration").build().record(0.01);

    assertThat(reader.collectAllMetrics())
        .extracting(MetricData::getName)
        .containsExactly("http.server.request.duration");
  }
}
