/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/** The mod-10 check digit every payment card number carries. */
final class LuhnCheck {

  static boolean isValid(CharSequence digits) {
    int length = digits.length();
    if (length == 0) {
      return false;
    }
    int sum = 0;
    boolean doubled = false;
    for (int i = length - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  private LuhnCheck() {}
}
