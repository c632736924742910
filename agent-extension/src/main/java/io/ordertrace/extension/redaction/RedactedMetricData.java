/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;

/**
 * A metric with a redacted resource and redacted points; name, unit, description, scope and type
 * are delegated. The typed getters ({@code getLongSumData()} ...) read {@link #getData()}.
 */
final class RedactedMetricData implements MetricData {

  private final MetricData delegate;
  private final Resource resource;
  private final Data<?> data;

  RedactedMetricData(MetricData delegate, Resource resource, Data<?> data) {
    this.delegate = delegate;
    this.resource = resource;
    this.data = data;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return delegate.getInstrumentationScopeInfo();
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public String getDescription() {
    return delegate.getDescription();
  }

  @Override
  public String getUnit() {
    return delegate.getUnit();
  }

  @Override
  public MetricDataType getType() {
    return delegate.getType();
  }

  @Override
  public Data<?> getData() {
    return data;
  }

  @Override
  public String toString() {
    return "RedactedMetricData{name=" + getName() + ", type=" + getType() + ", data=" + data + "}";
  }
}
