/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import java.util.regex.Pattern;

/** An injected fault that applies to orders whose id matches a regex (whole-id match). */
public final class FaultRule {
  private final String name;
  private final Pattern pattern;

  public FaultRule(String name, Pattern pattern) {
    this.name = name;
    this.pattern = pattern;
  }

  public static FaultRule off(String name) {
    return new FaultRule(name, null);
  }

  public boolean matches(String orderId) {
    return pattern != null && orderId != null && pattern.matcher(orderId).matches();
  }

  public boolean enabled() {
    return pattern != null;
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return enabled() ? name + "=" + pattern.pattern() : name + " (off)";
  }
}
