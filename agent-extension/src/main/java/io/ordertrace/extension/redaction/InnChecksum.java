/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/** The control digits of a Russian tax id (ИНН), 10 or 12 digits. */
final class InnChecksum {

  private static final int[] TEN = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] ELEVEN = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  private static final int[] TWELVE = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

  static boolean isValid(CharSequence text, int start, int end) {
    int length = end - start;
    int[] digits = new int[length];
    for (int i = 0; i < length; i++) {
      char c = text.charAt(start + i);
      if (c < '0' || c > '9') {
        return false;
      }
      digits[i] = c - '0';
    }
    if (length == 10) {
      return control(digits, TEN) == digits[9];
    }
    if (length == 12) {
      return control(digits, ELEVEN) == digits[10] && control(digits, TWELVE) == digits[11];
    }
    return false;
  }

  private static int control(int[] digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += digits[i] * weights[i];
    }
    return sum % 11 % 10;
  }

  private InnChecksum() {}
}
