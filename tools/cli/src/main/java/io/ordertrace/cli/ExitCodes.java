/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

/** The process exit codes; tools/cli/README.md has the table. One code per kind of failure. */
final class ExitCodes {

  static final int OK = 0;

  /** No trace of the order in the window, or the trace id is unknown. */
  static final int NOT_FOUND = 1;

  /** The store (or the archive) cannot be reached: refused, DNS, TLS, timeout. */
  static final int STORE_UNREACHABLE = 2;

  /**
   * The store (or the archive, or a gateway) answered with an error or with something unreadable.
   */
  static final int STORE_ERROR = 3;

  /** Bad usage: unknown option, missing or malformed value (sysexits EX_USAGE). */
  static final int USAGE = 64;

  /** An order id or trace id that cannot exist (sysexits EX_DATAERR). */
  static final int BAD_ID = 65;

  /** A time window that cannot be searched: unparsable, reversed, too long, in the future. */
  static final int BAD_WINDOW = 66;

  /** A bug (sysexits EX_SOFTWARE). */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
