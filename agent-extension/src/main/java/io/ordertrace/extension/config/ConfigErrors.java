package io.ordertrace.extension.config;

/**
 * Receives configuration mistakes found while parsing. Parsing goes on after a mistake: the bad
 * entry is skipped and everything else keeps working.
 */
@FunctionalInterface
public interface ConfigErrors {

  /**
   * Reports one bad value.
   *
   * @param property the property name as the user wrote it, e.g. {@code ordertrace.sampler.ratio}
   * @param value the offending value (or the offending entry of a list)
   * @param reason what is wrong and how to fix it
   */
  void invalid(String property, String value, String reason);
}
