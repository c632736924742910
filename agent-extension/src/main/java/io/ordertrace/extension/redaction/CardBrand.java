/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/**
 * Issuer prefixes and lengths. Requiring a real brand on top of Luhn keeps one in ten random long
 * numbers (epoch millis, ids) from being taken for a card.
 */
final class CardBrand {

  static boolean isKnown(CharSequence digits) {
    int length = digits.length();
    if (length < 13 || length > 19) {
      return false;
    }
    int p1 = prefix(digits, 1);
    int p2 = prefix(digits, 2);
    int p3 = prefix(digits, 3);
    int p4 = prefix(digits, 4);
    if (p1 == 4) { // Visa
      return length == 13 || length == 16 || length == 19;
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) { // Mastercard
      return length == 16;
    }
    if (p2 == 34 || p2 == 37) { // American Express
      return length == 15;
    }
    if (p4 >= 2200 && p4 <= 2204) { // Mir
      return length >= 16;
    }
    if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) { // Discover
      return length >= 16;
    }
    if (p4 >= 3528 && p4 <= 3589) { // JCB
      return length >= 16;
    }
    if (p2 == 62) { // UnionPay
      return length >= 16;
    }
    // Maestro
    return p2 == 50
        || (p2 >= 56 && p2 <= 58)
        || p4 == 6304
        || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763);
  }

  private static int prefix(CharSequence digits, int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value = value * 10 + (digits.charAt(i) - '0');
    }
    return value;
  }

  private CardBrand() {}
}
