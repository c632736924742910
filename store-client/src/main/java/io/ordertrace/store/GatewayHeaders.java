/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

/**
 * The request headers by which a caller of the trace access gateway identifies itself (S4): the
 * gateway reads them, {@code bin/ordertrace} and Grafana's Jaeger datasource send them.
 */
public final class GatewayHeaders {

  /** The shared secret of trusted callers (Grafana, developers' CLI). */
  public static final String SECRET = "X-Ordertrace-Gateway-Secret";

  /** The login of the person behind the request, written to the audit log. */
  public static final String USER = "X-Grafana-User";

  /** {@code support} or {@code developer}: which policy applies. */
  public static final String ROLE = "X-Ordertrace-Role";

  private GatewayHeaders() {}
}
