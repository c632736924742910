/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Settings from environment variables, with local defaults and clear errors. */
public final class Env {
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = vars;
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public String get(String name, String defaultValue) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  public int getInt(String name, int defaultValue) {
    String v = get(name, null);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "environment variable " + name + " must be a whole number, got '" + v + "'");
    }
  }

  /**
   * A fault rule from a regex variable; never null (an unset variable gives a rule that never
   * matches).
   */
  public FaultRule fault(String name) {
    String v = get(name, null);
    if (v == null) {
      return FaultRule.off(name);
    }
    try {
      return new FaultRule(name, Pattern.compile(v));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "environment variable " + name + " is not a valid regular expression: " + e.getMessage());
    }
  }
}
