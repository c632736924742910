/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.List;

/**
 * Scrubs log records on their way to the real exporter: the body (a JUL warning with an e-mail and
 * a card number in its message), the attributes ({@code exception.message}, {@code
 * exception.stacktrace}, MDC entries) and the resource, through the same {@link Redactor} as spans.
 * If scrubbing a record fails, its body and string attributes become {@code [REDACTED:error]}.
 */
public final class RedactingLogRecordExporter implements LogRecordExporter {

  private final LogRecordExporter delegate;
  private final Scrubbing scrubbing;

  private RedactingLogRecordExporter(LogRecordExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.scrubbing =
        new Scrubbing(
            redactor,
            RedactingLogRecordExporter.class,
            "Redacting a log record failed with {0}; such records are exported with every "
                + "string replaced by {1}. Further failures are not logged.");
  }

  public static RedactingLogRecordExporter wrap(LogRecordExporter delegate, Redactor redactor) {
    return new RedactingLogRecordExporter(delegate, redactor);
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    List<LogRecordData> redacted = Scrubbing.each(logs, this::redactSafely);
    return delegate.export(redacted != null ? redacted : logs);
  }

  private LogRecordData redactSafely(LogRecordData log) {
    try {
      return redact(log);
    } catch (RuntimeException | StackOverflowError e) {
      scrubbing.failed(e);
      return new RedactedLogRecordData(
          log,
          Value.of(Markers.ERROR),
          FailedSpanData.replaceStrings(log.getAttributes()),
          Resource.create(FailedSpanData.replaceStrings(log.getResource().getAttributes())));
    }
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  LogRecordData redact(LogRecordData log) {
    Value<?> body = log.getBodyValue();
    Value<?> redactedBody = scrubbing.redactor.redact(body);
    Attributes attributes = scrubbing.redactor.redact(log.getAttributes());
    Resource resource = scrubbing.resources.redact(log.getResource());
    if (redactedBody == body
        && attributes == log.getAttributes()
        && resource == log.getResource()) {
      return log;
    }
    return new RedactedLogRecordData(log, redactedBody, attributes, resource);
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
    return "RedactingLogRecordExporter{delegate=" + delegate + "}";
  }
}
