/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigException;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ordertrace.extension.OrderTraceAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Given an {@code ordertrace_hold} node as the model customizer writes it, the SDK gets the export
 * processor the node describes, behind the holding, with a redacted exporter built by the
 * exporter's own component provider.
 */
class HoldingSpanProcessorComponentProviderTest {

  /** The exporter the last processor got (each SDK shuts its exporter down when closed). */
  static volatile InMemorySpanExporter exported;

  /** {@code exporter: {ordertrace_test_memory: {}}}: found the way the SDK finds exporters. */
  @AutoService(ComponentProvider.class)
  public static final class MemoryExporterProvider implements ComponentProvider {
    @Override
    public Class<?> getType() {
      return SpanExporter.class;
    }

    @Override
    public String getName() {
      return "ordertrace_test_memory";
    }

    @Override
    public Object create(DeclarativeConfigProperties config) {
      exported = InMemorySpanExporter.create();
      return exported;
    }
  }

  private SdkTracerProvider provider;

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  private static DeclarativeConfigProperties node(String processor, String exporter) {
    Map<String, Object> exporters = new LinkedHashMap<>();
    exporters.put(exporter, new LinkedHashMap<>());
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("exporter", exporters);
    if (processor.equals("batch")) {
      export.put("schedule_delay", 10);
    }
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(processor, export);
    node.put("ordertrace.hold.max-spans", "16");
    return DeclarativeConfiguration.toConfigProperties(node);
  }

  private Tracer tracer(DeclarativeConfigProperties node) {
    SpanProcessor processor =
        (SpanProcessor) new HoldingSpanProcessorComponentProvider().create(node);
    provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
    return provider.get("test");
  }

  @Test
  void aSpanThatEndedBeforeItsRootKnewTheOrderIsExportedWithItRedacted() {
    Tracer tracer = tracer(node("simple", "ordertrace_test_memory"));

    Span root = tracer.spanBuilder("POST /crm/orders").setSpanKind(SpanKind.SERVER).startSpan();
    tracer
        .spanBuilder("INSERT crm.orders")
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.root().with(root))
        .setAttribute("db.query.text", "insert into customers values ('ivan.petrov@mail.ru')")
        .startSpan()
        .end();
    assertThat(exported.getFinishedSpanItems()).as("held while the order is unknown").isEmpty();
    root.setAttribute(OrderTraceAttributes.ORDER_ID, "100042");
    root.end();

    assertThat(exported.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(
            span ->
                assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_ID))
                    .isEqualTo("100042"));
    SpanData insert =
        exported.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .findFirst()
            .orElseThrow();
    assertThat(insert.getAttributes().asMap().toString())
        .doesNotContain("ivan.petrov@mail.ru")
        .contains("[REDACTED:email]");
  }

  @Test
  void theBatchProcessorExportsWhatItIsGiven() {
    Tracer tracer = tracer(node("batch", "ordertrace_test_memory"));
    tracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).startSpan().end();
    provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(exported.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("GET /health");
  }

  @Test
  void anUnknownExporterOrAMissingExportProcessorIsACleanConfigurationError() {
    assertThatThrownBy(() -> tracer(node("simple", "no_such_exporter")))
        .isInstanceOf(DeclarativeConfigException.class)
        .hasMessage("ordertrace_hold: no span exporter named no_such_exporter");
    DeclarativeConfigProperties empty =
        DeclarativeConfiguration.toConfigProperties(new LinkedHashMap<>());
    assertThatThrownBy(() -> tracer(empty))
        .isInstanceOf(DeclarativeConfigException.class)
        .hasMessageContaining("needs exactly one of batch or simple");
  }
}
