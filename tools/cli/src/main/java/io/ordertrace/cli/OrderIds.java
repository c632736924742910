/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.util.regex.Pattern;

/**
 * The order id check of the agent extension ({@code ordertrace.id.max-length}, default 64): ids
 * that the agent would never record are refused before any query is sent.
 */
final class OrderIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private OrderIds() {}

  /**
   * Returns {@code id} if valid.
   *
   * @throws CliException ({@link ExitCodes#BAD_ID}) otherwise, without echoing the value (it may be
   *     anything a user pasted)
   */
  static String validate(String id) {
    if (!VALID.matcher(id).matches()) {
      throw new CliException(
          ExitCodes.BAD_ID,
          "invalid order id: use 1 to 64 characters of A-Z a-z 0-9 . _ : - (as the agent records them)");
    }
    return id;
  }
}
