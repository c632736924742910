/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/**
 * The SNILS control number: digits 1..9 weighted 9..1; the sum below 100 is the control, 100 and
 * 101 give 00, larger sums are taken mod 101 (and a remainder of 100 again gives 00).
 */
final class SnilsChecksum {

  /** Numbers up to 001-001-998 were issued before the control number existed. */
  private static final long FIRST_CHECKED = 1001998L;

  /** {@code digits} holds exactly 11 ASCII digits. */
  static boolean isValid(CharSequence digits) {
    if (digits.length() != 11) {
      return false;
    }
    long number = 0;
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      number = number * 10 + d;
      sum += d * (9 - i);
    }
    int control = (digits.charAt(9) - '0') * 10 + (digits.charAt(10) - '0');
    if (number <= FIRST_CHECKED) {
      return false;
    }
    return control == expectedControl(sum);
  }

  static int expectedControl(int sum) {
    if (sum < 100) {
      return sum;
    }
    if (sum == 100 || sum == 101) {
      return 0;
    }
    int rest = sum % 101;
    return rest == 100 ? 0 : rest;
  }

  private SnilsChecksum() {}
}
