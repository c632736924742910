/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import javax.annotation.Nullable;

/**
 * One span as the tool shows it. Only what may be printed is kept: ids, service, name, kind, times,
 * status, the exception type, and the order id and stage. Other attributes (which could carry
 * personal data) are never read.
 *
 * @param spanId hex span id
 * @param parentSpanId hex parent span id, {@code null} for a root span
 * @param service {@code service.name} of the resource, or {@code unknown_service}
 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}, {@code INTERNAL}
 *     or {@code UNSPECIFIED}
 * @param error whether the span status is ERROR
 * @param statusMessage the status message of an ERROR span, or {@code null}
 * @param exceptionType {@code exception.type} of the first exception event, or {@code null}
 * @param orderId {@code order.id}, or {@code null}
 * @param stage {@code order.stage}, or {@code null}
 */
record TraceSpan(
    String spanId,
    @Nullable String parentSpanId,
    String service,
    String name,
    String kind,
    long startNanos,
    long endNanos,
    boolean error,
    @Nullable String statusMessage,
    @Nullable String exceptionType,
    @Nullable String orderId,
    @Nullable String stage) {

  long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  /** What to say about the error: the exception type, else the status message. */
  @Nullable
  String errorDetail() {
    if (exceptionType != null && !exceptionType.isEmpty()) {
      return exceptionType;
    }
    if (statusMessage != null && !statusMessage.isEmpty()) {
      return statusMessage;
    }
    return null;
  }
}
