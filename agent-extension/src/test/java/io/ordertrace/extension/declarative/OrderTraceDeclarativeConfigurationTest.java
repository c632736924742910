/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.BaggagePropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.BatchLogRecordProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.BatchSpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LogRecordProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LoggerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.MeterProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.MetricReaderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PeriodicMetricReaderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PullMetricReaderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TraceContextPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalHttpInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalLanguageSpecificInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalLanguageSpecificInstrumentationPropertyModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given a configuration file's model, the customizer puts the extension's parts in place. */
class OrderTraceDeclarativeConfigurationTest {

  private static OpenTelemetryConfigurationModel model() {
    Map<String, Object> orderIds = new LinkedHashMap<>();
    orderIds.put("sources", "header:X-Order-Id");
    ExperimentalLanguageSpecificInstrumentationPropertyModel ours =
        new ExperimentalLanguageSpecificInstrumentationPropertyModel()
            .withAdditionalProperty("edge", true)
            .withAdditionalProperty("order-id", orderIds);
    return new OpenTelemetryConfigurationModel()
        .withFileFormat("1.0")
        .withPropagator(
            new PropagatorModel()
                .withComposite(
                    new ArrayList<>(
                        List.of(
                            new TextMapPropagatorModel()
                                .withTracecontext(new TraceContextPropagatorModel()),
                            new TextMapPropagatorModel()
                                .withBaggage(new BaggagePropagatorModel()))))
                .withCompositeList("baggage,b3"))
        .withTracerProvider(
            new TracerProviderModel()
                .withProcessors(
                    new ArrayList<>(
                        List.of(
                            new SpanProcessorModel().withBatch(new BatchSpanProcessorModel())))))
        .withLoggerProvider(
            new LoggerProviderModel()
                .withProcessors(
                    new ArrayList<>(
                        List.of(
                            new LogRecordProcessorModel()
                                .withBatch(new BatchLogRecordProcessorModel())))))
        .withMeterProvider(
            new MeterProviderModel()
                .withReaders(
                    new ArrayList<>(
                        List.of(
                            new MetricReaderModel().withPeriodic(new PeriodicMetricReaderModel()),
                            new MetricReaderModel().withPull(new PullMetricReaderModel())))))
        .withInstrumentationDevelopment(
            new ExperimentalInstrumentationModel()
                .withJava(
                    new ExperimentalLanguageSpecificInstrumentationModel()
                        .withAdditionalProperty("ordertrace", ours)));
  }

  @Test
  void settingsComeFromTheOrdertraceNodeFlattenedToPropertyNames() {
    Map<String, String> settings = OrderTraceDeclarativeConfiguration.settings(model());

    assertThat(settings)
        .containsEntry("ordertrace.edge", "true")
        .containsEntry("ordertrace.order-id.sources", "header:X-Order-Id");
  }

  @Test
  void propagatorSamplerAndProcessorsArePutInPlaceAndPullReadersRemoved() {
    OpenTelemetryConfigurationModel model =
        OrderTraceDeclarativeConfiguration.apply(
            model(), new OrderTraceDeclarativeConfiguration.Parts());

    List<TextMapPropagatorModel> composite = model.getPropagator().getComposite();
    assertThat(composite).noneSatisfy(p -> assertThat(p.getBaggage()).isNotNull());
    assertThat(composite.get(composite.size() - 1).getAdditionalProperties())
        .as("ordertrace last")
        .containsKey("ordertrace");
    assertThat(
            composite
                .get(composite.size() - 1)
                .getAdditionalProperties()
                .get("ordertrace")
                .getAdditionalProperties())
        .containsEntry("ordertrace.edge", "true");
    assertThat(model.getPropagator().getCompositeList()).isEqualTo("b3");
    assertThat(model.getTracerProvider().getSampler().getAdditionalProperties())
        .containsKey("ordertrace");
    assertThat(model.getTracerProvider().getProcessors().get(0).getAdditionalProperties())
        .containsKey("ordertrace");
    assertThat(model.getTracerProvider().getProcessors()).hasSize(2);
    assertThat(model.getTracerProvider().getProcessors().get(1).getBatch())
        .as("the batch processor moved inside the holding one")
        .isNull();
    assertThat(
            model
                .getTracerProvider()
                .getProcessors()
                .get(1)
                .getAdditionalProperties()
                .get("ordertrace_hold")
                .getAdditionalProperties())
        .containsKey("batch")
        .containsEntry("ordertrace.edge", "true");
    assertThat(model.getLoggerProvider().getProcessors().get(0).getAdditionalProperties())
        .containsKey("ordertrace");
    assertThat(model.getMeterProvider().getReaders())
        .singleElement()
        .satisfies(reader -> assertThat(reader.getPeriodic()).isNotNull());
  }

  @Test
  void aSamplerTheFileChoosesStays() {
    OpenTelemetryConfigurationModel model = model();
    model
        .getTracerProvider()
        .withSampler(
            new io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerModel()
                .withAlwaysOn(
                    new io.opentelemetry.sdk.autoconfigure.declarativeconfig.model
                        .AlwaysOnSamplerModel()));

    OrderTraceDeclarativeConfiguration.apply(model, new OrderTraceDeclarativeConfiguration.Parts());

    assertThat(model.getTracerProvider().getSampler().getAlwaysOn()).isNotNull();
  }

  @Test
  void aHoldingProcessorTheFileNamesKeepsItsExportProcessorAndGetsTheSettings() {
    OpenTelemetryConfigurationModel model = model();
    SpanProcessorModel named =
        new SpanProcessorModel()
            .withAdditionalProperty(
                "ordertrace_hold",
                new io.opentelemetry.sdk.autoconfigure.declarativeconfig.model
                        .SpanProcessorPropertyModel()
                    .withAdditionalProperty("simple", Map.of()));
    SpanProcessorModel other =
        new SpanProcessorModel()
            .withAdditionalProperty(
                "vendor_processor",
                new io.opentelemetry.sdk.autoconfigure.declarativeconfig.model
                    .SpanProcessorPropertyModel());
    model.getTracerProvider().withProcessors(new ArrayList<>(List.of(named, other)));

    OrderTraceDeclarativeConfiguration.apply(model, new OrderTraceDeclarativeConfiguration.Parts());

    List<SpanProcessorModel> processors = model.getTracerProvider().getProcessors();
    assertThat(processors).hasSize(3);
    assertThat(
            processors
                .get(1)
                .getAdditionalProperties()
                .get("ordertrace_hold")
                .getAdditionalProperties())
        .containsKey("simple")
        .containsEntry("ordertrace.order-id.sources", "header:X-Order-Id");
    assertThat(processors.get(2).getAdditionalProperties())
        .as("left alone")
        .containsOnlyKeys("vendor_processor");
  }

  @Test
  void theResponseHeadersOfResponseHeaderSourcesAreCaptured() {
    OpenTelemetryConfigurationModel model = model();
    model
        .getInstrumentationDevelopment()
        .getJava()
        .getAdditionalProperties()
        .get("ordertrace")
        .withAdditionalProperty(
            "order-id", Map.of("sources", "path:/api/orders/{id},response-header:X-Order-Id"));

    OrderTraceDeclarativeConfiguration.apply(model, new OrderTraceDeclarativeConfiguration.Parts());

    assertThat(
            model
                .getInstrumentationDevelopment()
                .getGeneral()
                .getHttp()
                .getServer()
                .getResponseCapturedHeaders())
        .containsExactly("X-Order-Id", "content-length");
  }

  @Test
  void withoutAResponseHeaderSourceOnlyContentLengthIsCapturedForBodySizes() {
    OpenTelemetryConfigurationModel model = model();

    OrderTraceDeclarativeConfiguration.apply(model, new OrderTraceDeclarativeConfiguration.Parts());

    ExperimentalHttpInstrumentationModel http =
        model.getInstrumentationDevelopment().getGeneral().getHttp();
    assertThat(http.getServer().getRequestCapturedHeaders()).containsExactly("content-length");
    assertThat(http.getServer().getResponseCapturedHeaders()).containsExactly("content-length");
    assertThat(http.getClient().getRequestCapturedHeaders()).containsExactly("content-length");
    assertThat(http.getClient().getResponseCapturedHeaders()).containsExactly("content-length");
  }
}
