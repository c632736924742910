/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

/** The fixed replacement strings. Fixed (not hashed) so nothing about the value survives. */
final class Markers {

  static final String EMAIL = "[REDACTED:email]";
  static final String PHONE = "[REDACTED:phone]";
  static final String CARD = "[REDACTED:card]";
  static final String TOKEN = "[REDACTED:token]";
  static final String JWT = "[REDACTED:jwt]";
  static final String SECRET = "[REDACTED:secret]";
  static final String PASSPORT = "[REDACTED:passport]";
  static final String SNILS = "[REDACTED:snils]";
  static final String IBAN = "[REDACTED:iban]";
  static final String INN = "[REDACTED:inn]";
  static final String ACCOUNT = "[REDACTED:account]";
  static final String ERROR = "[REDACTED:error]";

  /** Every marker starts with this, so detectors can skip what an earlier one already replaced. */
  static final String PREFIX = "[REDACTED:";

  static String of(String markerClass) {
    return PREFIX + markerClass + "]";
  }

  private Markers() {}
}
