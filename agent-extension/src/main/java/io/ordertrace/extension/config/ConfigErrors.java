/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

/**
 * Receives configuration mistakes found while parsing. Parsing goes on after a mistake: the bad
 * entry is skipped (or the setting keeps its safe value) and everything else keeps working.
 */
@FunctionalInterface
public interface ConfigErrors {

  /** Drops every report: for a second parse of properties that were already reported. */
  ConfigErrors SILENT = (property, value, reason) -> {};

  /**
   * Reports one bad value.
   *
   * @param property the property name as the user wrote it, e.g. {@code ordertrace.sampler.ratio}
   * @param value the offending value (or the offending entry of a list)
   * @param reason what is wrong and what is used instead
   */
  void invalid(String property, String value, String reason);

  /**
   * Reports an {@code ordertrace.*} key that no setting has: most likely a typo, which would
   * otherwise leave the intended setting at its default without a word.
   *
   * @param key the key as found
   * @param nearest the closest known property name
   */
  default void unknown(String key, String nearest) {
    invalid(key, "", "unknown property, ignored; did you mean " + nearest + "?");
  }
}
