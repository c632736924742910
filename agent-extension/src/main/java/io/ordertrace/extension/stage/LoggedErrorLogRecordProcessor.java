/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.ordertrace.extension.HookFailures;

/**
 * A legacy server that catches an exception, logs it and answers 500 leaves no exception for the
 * HTTP instrumentation. The agent's logging bridges (java.util.logging, Logback, Log4j) turn the
 * log call into a log record with {@code exception.*} attributes; an ERROR record inside a server
 * request is remembered as that request's error cause ({@link ServerError}).
 */
public final class LoggedErrorLogRecordProcessor implements LogRecordProcessor {

  private final HookFailures failures = new HookFailures("logged error cause");

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    try {
      ServerError holder = ServerError.fromContext(context);
      if (holder == null) {
        return;
      }
      Severity severity = logRecord.getSeverity();
      if (severity == null || severity.getSeverityNumber() < Severity.ERROR.getSeverityNumber()) {
        return;
      }
      String type = logRecord.getAttribute(ServerError.EXCEPTION_TYPE);
      if (type != null) {
        holder.logged(
            type,
            logRecord.getAttribute(ServerError.EXCEPTION_MESSAGE),
            logRecord.getAttribute(ServerError.EXCEPTION_STACKTRACE));
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }
}
