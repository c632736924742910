/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
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
import io.opentelemetry.sdk.metrics.internal.data.ImmutableValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.ordertrace.extension.config.RedactionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every metric type: the attributes of its points and the filtered attributes of its exemplars lose
 * their PII, and everything else (type, name, values, temporality) leaves as it came. A metric with
 * nothing to hide is handed on as the same object.
 */
class RedactingMetricExporterTest {

  private static final String EMAIL = "ivan.petrov@mail.ru";
  private static final Attributes DIRTY = Attributes.builder().put("app.note", EMAIL).build();
  private static final Attributes CLEAN = Attributes.builder().put("app.note", "approved").build();
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("test");

  private final InMemoryMetricExporter memory = InMemoryMetricExporter.create();
  private final RedactingMetricExporter exporter =
      RedactingMetricExporter.wrap(memory, Redactor.create(RedactionSettings.defaults()));

  /** One metric of each type, its points and exemplars carrying {@code attributes}. */
  enum Kind {
    LONG_GAUGE(
        MetricDataType.LONG_GAUGE,
        a ->
            ImmutableMetricData.createLongGauge(
                Resource.empty(),
                SCOPE,
                "orders.open",
                "open orders",
                "1",
                ImmutableGaugeData.create(Collections.singletonList(longPoint(a))))),
    DOUBLE_GAUGE(
        MetricDataType.DOUBLE_GAUGE,
        a ->
            ImmutableMetricData.createDoubleGauge(
                Resource.empty(),
                SCOPE,
                "orders.load",
                "load",
                "1",
                ImmutableGaugeData.create(Collections.singletonList(doublePoint(a))))),
    LONG_SUM(
        MetricDataType.LONG_SUM,
        a ->
            ImmutableMetricData.createLongSum(
                Resource.empty(),
                SCOPE,
                "orders.created",
                "created orders",
                "1",
                ImmutableSumData.create(
                    true,
                    AggregationTemporality.CUMULATIVE,
                    Collections.singletonList(longPoint(a))))),
    DOUBLE_SUM(
        MetricDataType.DOUBLE_SUM,
        a ->
            ImmutableMetricData.createDoubleSum(
                Resource.empty(),
                SCOPE,
                "orders.amount",
                "amount",
                "RUB",
                ImmutableSumData.create(
                    false,
                    AggregationTemporality.DELTA,
                    Collections.singletonList(doublePoint(a))))),
    HISTOGRAM(
        MetricDataType.HISTOGRAM,
        a ->
            ImmutableMetricData.createDoubleHistogram(
                Resource.empty(),
                SCOPE,
                "orders.duration",
                "duration",
                "ms",
                ImmutableHistogramData.create(
                    AggregationTemporality.DELTA,
                    Collections.singletonList(
                        ImmutableHistogramPointData.create(
                            1L,
                            2L,
                            a,
                            12.5,
                            true,
                            1.0,
                            true,
                            9.0,
                            Arrays.asList(5.0, 10.0),
                            Arrays.asList(1L, 1L, 0L),
                            doubleExemplars(a)))))),
    EXPONENTIAL_HISTOGRAM(
        MetricDataType.EXPONENTIAL_HISTOGRAM,
        a ->
            ImmutableMetricData.createExponentialHistogram(
                Resource.empty(),
                SCOPE,
                "orders.size",
                "size",
                "By",
                ImmutableExponentialHistogramData.create(
                    AggregationTemporality.CUMULATIVE,
                    Collections.singletonList(
                        ImmutableExponentialHistogramPointData.create(
                            2,
                            30.0,
                            0L,
                            true,
                            3.0,
                            true,
                            20.0,
                            ImmutableExponentialHistogramBuckets.create(
                                2, 0, Arrays.asList(1L, 2L)),
                            ImmutableExponentialHistogramBuckets.create(
                                2, 0, Collections.emptyList()),
                            1L,
                            2L,
                            a,
                            doubleExemplars(a)))))),
    SUMMARY(
        MetricDataType.SUMMARY,
        a ->
            ImmutableMetricData.createDoubleSummary(
                Resource.empty(),
                SCOPE,
                "orders.latency",
                "latency",
                "ms",
                ImmutableSummaryData.create(
                    Collections.singletonList(
                        ImmutableSummaryPointData.create(
                            1L,
                            2L,
                            a,
                            4L,
                            40.0,
                            Collections.singletonList(
                                ImmutableValueAtQuantile.create(0.5, 9.0)))))));

    final MetricDataType type;

    @SuppressWarnings("ImmutableEnumChecker") // stateless lambdas, set once per constant
    final Function<Attributes, MetricData> withAttributes;

    Kind(MetricDataType type, Function<Attributes, MetricData> withAttributes) {
      this.type = type;
      this.withAttributes = withAttributes;
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pointAndExemplarAttributesLoseTheirPiiAndNothingElseChanges(Kind kind) {
    MetricData dirty = kind.withAttributes.apply(DIRTY);

    MetricData redacted = exporter.redact(dirty);

    assertThat(redacted).isNotSameAs(dirty);
    assertThat(redacted.getType()).isEqualTo(kind.type);
    assertThat(redacted.getName()).isEqualTo(dirty.getName());
    assertThat(redacted.getDescription()).isEqualTo(dirty.getDescription());
    assertThat(redacted.getUnit()).isEqualTo(dirty.getUnit());
    assertThat(redacted.getInstrumentationScopeInfo()).isEqualTo(SCOPE);
    assertThat(exportedStrings(redacted)).isNotEmpty().noneMatch(s -> s.contains(EMAIL));
    // the same metric built with the redacted attributes is what leaves: values, buckets,
    // temporality and monotonicity untouched
    Attributes scrubbed = first(redacted).getAttributes();
    assertThat(scrubbed.get(AttributeKey.stringKey("app.note"))).startsWith("[REDACTED");
    assertThat(points(redacted))
        .containsExactlyElementsOf(points(kind.withAttributes.apply(scrubbed)));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aMetricWithNothingToHideIsHandedOnAsItself(Kind kind) {
    MetricData clean = kind.withAttributes.apply(CLEAN);

    assertThat(exporter.redact(clean)).isSameAs(clean);
  }

  @Test
  void theResourceIsRedactedEvenWhenThePointsAreClean() {
    MetricData clean = Kind.LONG_SUM.withAttributes.apply(CLEAN);
    MetricData withResource =
        ImmutableMetricData.createLongSum(
            Resource.create(DIRTY),
            SCOPE,
            clean.getName(),
            clean.getDescription(),
            clean.getUnit(),
            clean.getLongSumData());

    MetricData redacted = exporter.redact(withResource);

    assertThat(redacted.getResource().getAttributes().toString()).doesNotContain(EMAIL);
    assertThat(redacted.getLongSumData().isMonotonic()).isTrue();
    assertThat(redacted.getLongSumData().getPoints()).isEqualTo(clean.getLongSumData().getPoints());
  }

  @Test
  void exportHandsTheRedactedMetricsToTheDelegateInOrder() {
    MetricData dirty = Kind.HISTOGRAM.withAttributes.apply(DIRTY);
    MetricData clean = Kind.SUMMARY.withAttributes.apply(CLEAN);

    assertThat(exporter.export(Arrays.asList(dirty, clean)).isSuccess()).isTrue();

    List<MetricData> exported = memory.getFinishedMetricItems();
    assertThat(exported).hasSize(2);
    assertThat(exportedStrings(exported.get(0))).noneMatch(s -> s.contains(EMAIL));
    assertThat(exported.get(1)).isSameAs(clean);
  }

  private static List<PointData> points(MetricData metric) {
    return new ArrayList<>(metric.getData().getPoints());
  }

  private static PointData first(MetricData metric) {
    return metric.getData().getPoints().iterator().next();
  }

  private static List<String> exportedStrings(MetricData metric) {
    List<String> out = new ArrayList<>();
    for (PointData point : metric.getData().getPoints()) {
      point.getAttributes().forEach((k, v) -> out.add(String.valueOf(v)));
      for (ExemplarData exemplar : point.getExemplars()) {
        exemplar.getFilteredAttributes().forEach((k, v) -> out.add(String.valueOf(v)));
      }
    }
    return out;
  }

  private static LongPointData longPoint(Attributes a) {
    return ImmutableLongPointData.create(
        1L,
        2L,
        a,
        3L,
        Collections.singletonList(
            ImmutableLongExemplarData.create(a, 2L, SpanContext.getInvalid(), 1L)));
  }

  private static DoublePointData doublePoint(Attributes a) {
    return ImmutableDoublePointData.create(1L, 2L, a, 3.5, doubleExemplars(a));
  }

  private static List<DoubleExemplarData> doubleExemplars(Attributes a) {
    return Collections.singletonList(
        ImmutableDoubleExemplarData.create(a, 2L, SpanContext.getInvalid(), 1.5));
  }
}
