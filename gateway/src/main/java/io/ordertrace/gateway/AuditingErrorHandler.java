/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests the HTTP layer refuses before the gateway sees them (malformed request line
 * or URL escape, too many or too large headers, a bare LF or a control character in a header, ...)
 * with a JSON error, and audits each of them once, with the reason. The caller is not authenticated
 * then: only a short prefix of its method and path is recorded.
 */
final class AuditingErrorHandler extends ErrorHandler {

  static final String AUDITED = "io.ordertrace.gateway.audited";

  private final AuditLog audit;
  private final ConnectionGuard guard;

  AuditingErrorHandler(AuditLog audit, ConnectionGuard guard) {
    this.audit = audit;
    this.guard = guard;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Object attribute = request.getAttribute(ERROR_STATUS);
    if (attribute instanceof Integer code) {
      status = code;
    }
    if (status < 400) {
      status = 500;
    }
    Object message = request.getAttribute(ERROR_MESSAGE);
    Object cause = request.getAttribute(ERROR_EXCEPTION);
    String reason =
        message != null
            ? message.toString()
            : cause instanceof Throwable t
                ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : "refused";
    // a 500 here means the gateway failed, never that the client sent something odd
    // a connection the guard closed (header timeout, per-peer limit) is audited by the guard
    boolean closedByGuard = guard.closedByGuard(request.getConnectionMetaData().getConnection());
    if (request.getAttribute(AUDITED) == null && !closedByGuard) {
      request.setAttribute(AUDITED, true);
      AuditEntry entry = new AuditEntry();
      entry.client = Request.getRemoteAddr(request);
      entry.method = request.getMethod();
      HttpURI uri = request.getHttpURI();
      entry.path = uri == null ? null : uri.getPath();
      entry.status = status;
      entry.reason = "refused by the HTTP layer: " + AuditEntry.prefix(reason, 200);
      entry.unauthenticated();
      try {
        audit.write(entry);
      } catch (IOException e) {
        System.err.println("ordertrace-gateway: cannot write the audit log: " + e.getMessage());
      }
    }
    if (response.isCommitted()) {
      callback.failed(new IllegalStateException("response already committed"));
      return true;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String text =
        status >= 500 ? "gateway error" : "bad request: " + AuditEntry.prefix(reason, 200);
    response.write(true, ByteBuffer.wrap(JaegerTraces.error(text)), callback);
    return true;
  }
}
