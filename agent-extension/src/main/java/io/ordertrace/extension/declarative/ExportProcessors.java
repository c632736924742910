/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import io.opentelemetry.api.incubator.config.DeclarativeConfigException;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ordertrace.extension.redaction.RedactingSpanExporter;
import io.ordertrace.extension.redaction.Redactor;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Builds the {@code batch} or {@code simple} export processor of an {@code ordertrace_hold} node,
 * with the keys the SDK reads for its own ({@code schedule_delay}, {@code export_timeout}, {@code
 * max_queue_size}, {@code max_export_batch_size}, {@code exporter}). The exporter is made by the
 * component provider of its name ({@code otlp_http}, {@code otlp_grpc}, {@code console}, ...), as
 * the SDK makes it, and wrapped in the redactor here: the SDK's exporter customizers only see the
 * exporters it builds itself.
 */
final class ExportProcessors {

  static SpanProcessor create(DeclarativeConfigProperties node, Redactor redactor) {
    DeclarativeConfigProperties batch = node.getStructured("batch");
    DeclarativeConfigProperties simple = node.getStructured("simple");
    if ((batch == null) == (simple == null)) {
      throw new DeclarativeConfigException(
          OrderTraceDeclarativeConfiguration.HOLD_NAME
              + " needs exactly one of batch or simple: the export processor behind the holding");
    }
    DeclarativeConfigProperties processor = batch != null ? batch : simple;
    SpanExporter exporter =
        RedactingSpanExporter.wrap(exporter(processor.getStructured("exporter")), redactor);
    if (batch == null) {
      return SimpleSpanProcessor.create(exporter);
    }
    BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter);
    Long scheduleDelay = batch.getLong("schedule_delay");
    if (scheduleDelay != null) {
      builder.setScheduleDelay(scheduleDelay, TimeUnit.MILLISECONDS);
    }
    Long exportTimeout = batch.getLong("export_timeout");
    if (exportTimeout != null) {
      builder.setExporterTimeout(exportTimeout, TimeUnit.MILLISECONDS);
    }
    Integer maxQueueSize = batch.getInt("max_queue_size");
    if (maxQueueSize != null) {
      builder.setMaxQueueSize(maxQueueSize);
    }
    Integer maxExportBatchSize = batch.getInt("max_export_batch_size");
    if (maxExportBatchSize != null) {
      builder.setMaxExportBatchSize(maxExportBatchSize);
    }
    return builder.build();
  }

  private static SpanExporter exporter(@Nullable DeclarativeConfigProperties exporters) {
    Set<String> names = exporters == null ? null : exporters.getPropertyKeys();
    if (names == null || names.size() != 1) {
      throw new DeclarativeConfigException(
          OrderTraceDeclarativeConfiguration.HOLD_NAME
              + ": the export processor needs exactly one exporter");
    }
    String name = names.iterator().next();
    DeclarativeConfigProperties config =
        exporters.getStructured(name, DeclarativeConfigProperties.empty());
    for (ComponentProvider provider :
        ComponentLoader.loadList(exporters.getComponentLoader(), ComponentProvider.class)) {
      if (provider.getType() == SpanExporter.class && name.equals(provider.getName())) {
        Object exporter = provider.create(ExtendedNode.of(config));
        if (exporter instanceof SpanExporter) {
          return (SpanExporter) exporter;
        }
      }
    }
    throw new DeclarativeConfigException(
        OrderTraceDeclarativeConfiguration.HOLD_NAME + ": no span exporter named " + name);
  }

  private ExportProcessors() {}
}
