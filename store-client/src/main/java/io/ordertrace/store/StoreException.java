/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import javax.annotation.Nullable;

/**
 * The trace store could not answer: not reachable (or too slow), an HTTP error status, or a body
 * that is not the JSON expected. The message is one line and names the URL asked (without any
 * header value).
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Connection refused, DNS failure, TLS failure or timeout. */
    UNREACHABLE,
    /** The store answered with a status other than the expected one. */
    HTTP_STATUS,
    /** The store answered, but not with the JSON expected. */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final String url;
  private final int status;

  StoreException(Kind kind, String url, int status, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.url = url;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The URL that was asked (query string included). */
  public String url() {
    return url;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
  public int status() {
    return status;
  }
}
