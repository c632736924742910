/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Scrubs metrics on their way to the real exporter: the attributes of every point, the filtered
 * attributes of every exemplar, and the resource. Metric names, units and descriptions come from
 * instrumentation code, not from requests, and are left as they are. A metric whose scrubbing fails
 * is dropped (its values say nothing without its attributes), and the failure is logged once.
 */
public final class RedactingMetricExporter implements MetricExporter {

  private final MetricExporter delegate;
  private final Scrubbing scrubbing;

  private RedactingMetricExporter(MetricExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.scrubbing =
        new Scrubbing(
            redactor,
            RedactingMetricExporter.class,
            "Redacting a metric failed with {0}; such metrics are not exported. "
                + "Further failures are not logged.");
  }

  public static RedactingMetricExporter wrap(MetricExporter delegate, Redactor redactor) {
    return new RedactingMetricExporter(delegate, redactor);
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<MetricData> out = new ArrayList<>(metrics.size());
    for (MetricData metric : metrics) {
      try {
        out.add(redact(metric));
      } catch (RuntimeException | StackOverflowError e) {
        scrubbing.failed(e);
      }
    }
    return delegate.export(out);
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  MetricData redact(MetricData metric) {
    Resource resource = scrubbing.resources.redact(metric.getResource());
    Data<?> data = redactData(metric);
    if (data == null && resource == metric.getResource()) {
      return metric;
    }
    return new RedactedMetricData(metric, resource, data != null ? data : metric.getData());
  }

  /** The metric's data with redacted points, or {@code null} when no point changed. */
  @Nullable
  private Data<?> redactData(MetricData metric) {
    switch (metric.getType()) {
      case LONG_GAUGE:
        {
          List<LongPointData> points =
              Scrubbing.each(metric.getLongGaugeData().getPoints(), this::longPoint);
          return points == null ? null : ImmutableGaugeData.create(points);
        }
      case DOUBLE_GAUGE:
        {
          List<DoublePointData> points =
              Scrubbing.each(metric.getDoubleGaugeData().getPoints(), this::doublePoint);
          return points == null ? null : ImmutableGaugeData.create(points);
        }
      case LONG_SUM:
        {
          SumData<LongPointData> sum = metric.getLongSumData();
          List<LongPointData> points = Scrubbing.each(sum.getPoints(), this::longPoint);
          return points == null
              ? null
              : ImmutableSumData.create(sum.isMonotonic(), sum.getAggregationTemporality(), points);
        }
      case DOUBLE_SUM:
        {
          SumData<DoublePointData> sum = metric.getDoubleSumData();
          List<DoublePointData> points = Scrubbing.each(sum.getPoints(), this::doublePoint);
          return points == null
              ? null
              : ImmutableSumData.create(sum.isMonotonic(), sum.getAggregationTemporality(), points);
        }
      case HISTOGRAM:
        {
          HistogramData histogram = metric.getHistogramData();
          List<HistogramPointData> points =
              Scrubbing.each(histogram.getPoints(), this::histogramPoint);
          return points == null
              ? null
              : ImmutableHistogramData.create(histogram.getAggregationTemporality(), points);
        }
      case EXPONENTIAL_HISTOGRAM:
        {
          ExponentialHistogramData histogram = metric.getExponentialHistogramData();
          List<ExponentialHistogramPointData> points =
              Scrubbing.each(histogram.getPoints(), this::exponentialPoint);
          return points == null
              ? null
              : ImmutableExponentialHistogramData.create(
                  histogram.getAggregationTemporality(), points);
        }
      case SUMMARY:
        {
          List<SummaryPointData> points =
              Scrubbing.each(metric.getSummaryData().getPoints(), this::summaryPoint);
          return points == null ? null : ImmutableSummaryData.create(points);
        }
    }
    throw new IllegalStateException("unknown metric type " + metric.getType());
  }

  // Each point type: the point itself when neither its attributes nor its exemplars changed.

  private LongPointData longPoint(LongPointData point) {
    Attributes attributes = scrubbing.redactor.redact(point.getAttributes());
    List<LongExemplarData> exemplars = Scrubbing.each(point.getExemplars(), this::longExemplar);
    if (unchanged(point, attributes, exemplars)) {
      return point;
    }
    return ImmutableLongPointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getValue(),
        exemplars != null ? exemplars : point.getExemplars());
  }

  private DoublePointData doublePoint(DoublePointData point) {
    Attributes attributes = scrubbing.redactor.redact(point.getAttributes());
    List<DoubleExemplarData> exemplars = Scrubbing.each(point.getExemplars(), this::doubleExemplar);
    if (unchanged(point, attributes, exemplars)) {
      return point;
    }
    return ImmutableDoublePointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getValue(),
        exemplars != null ? exemplars : point.getExemplars());
  }

  private HistogramPointData histogramPoint(HistogramPointData point) {
    Attributes attributes = scrubbing.redactor.redact(point.getAttributes());
    List<DoubleExemplarData> exemplars = Scrubbing.each(point.getExemplars(), this::doubleExemplar);
    if (unchanged(point, attributes, exemplars)) {
      return point;
    }
    return ImmutableHistogramPointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getSum(),
        point.hasMin(),
        point.getMin(),
        point.hasMax(),
        point.getMax(),
        point.getBoundaries(),
        point.getCounts(),
        exemplars != null ? exemplars : point.getExemplars());
  }

  private ExponentialHistogramPointData exponentialPoint(ExponentialHistogramPointData point) {
    Attributes attributes = scrubbing.redactor.redact(point.getAttributes());
    List<DoubleExemplarData> exemplars = Scrubbing.each(point.getExemplars(), this::doubleExemplar);
    if (unchanged(point, attributes, exemplars)) {
      return point;
    }
    return ImmutableExponentialHistogramPointData.create(
        point.getScale(),
        point.getSum(),
        point.getZeroCount(),
        point.hasMin(),
        point.getMin(),
        point.hasMax(),
        point.getMax(),
        point.getPositiveBuckets(),
        point.getNegativeBuckets(),
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        exemplars != null ? exemplars : point.getExemplars());
  }

  private SummaryPointData summaryPoint(SummaryPointData point) {
    Attributes attributes = scrubbing.redactor.redact(point.getAttributes());
    if (unchanged(point, attributes, null)) {
      return point;
    }
    return ImmutableSummaryPointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getCount(),
        point.getSum(),
        point.getValues());
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  private static boolean unchanged(
      PointData point, Attributes attributes, @Nullable List<?> redactedExemplars) {
    return attributes == point.getAttributes() && redactedExemplars == null;
  }

  private LongExemplarData longExemplar(LongExemplarData exemplar) {
    Attributes filtered = scrubbing.redactor.redact(exemplar.getFilteredAttributes());
    return unchanged(exemplar, filtered)
        ? exemplar
        : ImmutableLongExemplarData.create(
            filtered, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue());
  }

  private DoubleExemplarData doubleExemplar(DoubleExemplarData exemplar) {
    Attributes filtered = scrubbing.redactor.redact(exemplar.getFilteredAttributes());
    return unchanged(exemplar, filtered)
        ? exemplar
        : ImmutableDoubleExemplarData.create(
            filtered, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue());
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  private static boolean unchanged(ExemplarData exemplar, Attributes filtered) {
    return filtered == exemplar.getFilteredAttributes();
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    // the redacted copies are new objects: never ask the SDK to reuse its own
    return MemoryMode.IMMUTABLE_DATA;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "RedactingMetricExporter{delegate=" + delegate + "}";
  }
}
