package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
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
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scrubs metrics on their way to the real exporter: the attributes of every point, the filtered
 * attributes of every exemplar, and the resource. Metric names, units and descriptions come
 * from instrumentation code, not from requests, and are left as they are. A metric whose
 * scrubbing fails is dropped (its values say nothing without its attributes), and the failure is
 * logged once.
 */
public final class RedactingMetricExporter implements MetricExporter {

  private static final Logger logger = Logger.getLogger(RedactingMetricExporter.class.getName());

  private final MetricExporter delegate;
  private final Redactor redactor;
  private final ResourceCache resources;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  private RedactingMetricExporter(MetricExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
    this.resources = new ResourceCache(redactor);
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
        if (failureReported.compareAndSet(false, true)) {
          logger.log(
              Level.WARNING,
              "Redacting a metric failed with {0}; such metrics are not exported. "
                  + "Further failures are not logged.",
              e.getClass().getName());
        }
      }
    }
    return delegate.export(out);
  }

  MetricData redact(MetricData metric) {
    Resource resource = resources.redact(metric.getResource());
    switch (metric.getType()) {
      case LONG_GAUGE:
        {
          List<LongPointData> points = longPoints(metric.getLongGaugeData().getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createLongGauge(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableGaugeData.create(
                  points != null ? points : metric.getLongGaugeData().getPoints()));
        }
      case DOUBLE_GAUGE:
        {
          List<DoublePointData> points = doublePoints(metric.getDoubleGaugeData().getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createDoubleGauge(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableGaugeData.create(
                  points != null ? points : metric.getDoubleGaugeData().getPoints()));
        }
      case LONG_SUM:
        {
          SumData<LongPointData> sum = metric.getLongSumData();
          List<LongPointData> points = longPoints(sum.getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createLongSum(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableSumData.create(
                  sum.isMonotonic(),
                  sum.getAggregationTemporality(),
                  points != null ? points : sum.getPoints()));
        }
      case DOUBLE_SUM:
        {
          SumData<DoublePointData> sum = metric.getDoubleSumData();
          List<DoublePointData> points = doublePoints(sum.getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createDoubleSum(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableSumData.create(
                  sum.isMonotonic(),
                  sum.getAggregationTemporality(),
                  points != null ? points : sum.getPoints()));
        }
      case HISTOGRAM:
        {
          List<HistogramPointData> points = histogramPoints(metric.getHistogramData().getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createDoubleHistogram(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableHistogramData.create(
                  metric.getHistogramData().getAggregationTemporality(),
                  points != null ? points : metric.getHistogramData().getPoints()));
        }
      case EXPONENTIAL_HISTOGRAM:
        {
          List<ExponentialHistogramPointData> points =
              exponentialPoints(metric.getExponentialHistogramData().getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createExponentialHistogram(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableExponentialHistogramData.create(
                  metric.getExponentialHistogramData().getAggregationTemporality(),
                  points != null ? points : metric.getExponentialHistogramData().getPoints()));
        }
      case SUMMARY:
        {
          List<SummaryPointData> points = summaryPoints(metric.getSummaryData().getPoints());
          if (points == null && resource == metric.getResource()) {
            return metric;
          }
          return ImmutableMetricData.createDoubleSummary(
              resource,
              metric.getInstrumentationScopeInfo(),
              metric.getName(),
              metric.getDescription(),
              metric.getUnit(),
              ImmutableSummaryData.create(
                  points != null ? points : metric.getSummaryData().getPoints()));
        }
    }
    throw new IllegalStateException("unknown metric type " + metric.getType());
  }

  /** Redacted copies, or {@code null} when no point changed. */
  private List<LongPointData> longPoints(Collection<LongPointData> points) {
    List<LongPointData> out = new ArrayList<>(points.size());
    boolean changed = false;
    for (LongPointData point : points) {
      Attributes attributes = redactor.redact(point.getAttributes());
      List<LongExemplarData> exemplars = longExemplars(point.getExemplars());
      if (attributes == point.getAttributes() && exemplars == null) {
        out.add(point);
        continue;
      }
      changed = true;
      out.add(
          ImmutableLongPointData.create(
              point.getStartEpochNanos(),
              point.getEpochNanos(),
              attributes,
              point.getValue(),
              exemplars != null ? exemplars : point.getExemplars()));
    }
    return changed ? out : null;
  }

  private List<DoublePointData> doublePoints(Collection<DoublePointData> points) {
    List<DoublePointData> out = new ArrayList<>(points.size());
    boolean changed = false;
    for (DoublePointData point : points) {
      Attributes attributes = redactor.redact(point.getAttributes());
      List<DoubleExemplarData> exemplars = doubleExemplars(point.getExemplars());
      if (attributes == point.getAttributes() && exemplars == null) {
        out.add(point);
        continue;
      }
      changed = true;
      out.add(
          ImmutableDoublePointData.create(
              point.getStartEpochNanos(),
              point.getEpochNanos(),
              attributes,
              point.getValue(),
              exemplars != null ? exemplars : point.getExemplars()));
    }
    return changed ? out : null;
  }

  private List<HistogramPointData> histogramPoints(Collection<HistogramPointData> points) {
    List<HistogramPointData> out = new ArrayList<>(points.size());
    boolean changed = false;
    for (HistogramPointData point : points) {
      Attributes attributes = redactor.redact(point.getAttributes());
      List<DoubleExemplarData> exemplars = doubleExemplars(point.getExemplars());
      if (attributes == point.getAttributes() && exemplars == null) {
        out.add(point);
        continue;
      }
      changed = true;
      out.add(
          ImmutableHistogramPointData.create(
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
              exemplars != null ? exemplars : point.getExemplars()));
    }
    return changed ? out : null;
  }

  private List<ExponentialHistogramPointData> exponentialPoints(
      Collection<ExponentialHistogramPointData> points) {
    List<ExponentialHistogramPointData> out = new ArrayList<>(points.size());
    boolean changed = false;
    for (ExponentialHistogramPointData point : points) {
      Attributes attributes = redactor.redact(point.getAttributes());
      List<DoubleExemplarData> exemplars = doubleExemplars(point.getExemplars());
      if (attributes == point.getAttributes() && exemplars == null) {
        out.add(point);
        continue;
      }
      changed = true;
      out.add(
          ImmutableExponentialHistogramPointData.create(
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
              exemplars != null ? exemplars : point.getExemplars()));
    }
    return changed ? out : null;
  }

  private List<SummaryPointData> summaryPoints(Collection<SummaryPointData> points) {
    List<SummaryPointData> out = new ArrayList<>(points.size());
    boolean changed = false;
    for (SummaryPointData point : points) {
      Attributes attributes = redactor.redact(point.getAttributes());
      if (attributes == point.getAttributes()) {
        out.add(point);
        continue;
      }
      changed = true;
      out.add(
          ImmutableSummaryPointData.create(
              point.getStartEpochNanos(),
              point.getEpochNanos(),
              attributes,
              point.getCount(),
              point.getSum(),
              point.getValues()));
    }
    return changed ? out : null;
  }

  private List<LongExemplarData> longExemplars(List<LongExemplarData> exemplars) {
    List<LongExemplarData> out = null;
    for (int i = 0; i < exemplars.size(); i++) {
      LongExemplarData exemplar = exemplars.get(i);
      Attributes filtered = redactor.redact(exemplar.getFilteredAttributes());
      if (filtered != exemplar.getFilteredAttributes()) {
        if (out == null) {
          out = new ArrayList<>(exemplars);
        }
        out.set(
            i,
            ImmutableLongExemplarData.create(
                filtered, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue()));
      }
    }
    return out;
  }

  private List<DoubleExemplarData> doubleExemplars(List<DoubleExemplarData> exemplars) {
    List<DoubleExemplarData> out = null;
    for (int i = 0; i < exemplars.size(); i++) {
      DoubleExemplarData exemplar = exemplars.get(i);
      Attributes filtered = redactor.redact(exemplar.getFilteredAttributes());
      if (filtered != exemplar.getFilteredAttributes()) {
        if (out == null) {
          out = new ArrayList<>(exemplars);
        }
        out.set(
            i,
            ImmutableDoubleExemplarData.create(
                filtered, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue()));
      }
    }
    return out;
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
