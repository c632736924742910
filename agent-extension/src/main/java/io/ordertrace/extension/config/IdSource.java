/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.Locale;
import javax.annotation.Nullable;

/**
 * One place an order or user id may be read from, as written in {@code ordertrace.*-id.sources}:
 * {@code header:X-Order-Id}, {@code query:orderId}, {@code path:/api/orders/{id}}, {@code
 * message-header:order_id}, {@code response-header:Location} or {@code jwt:sub}.
 */
public final class IdSource {

  /** Where the value is read. */
  public enum Kind {
    HEADER("header"),
    QUERY("query"),
    PATH("path"),
    MESSAGE_HEADER("message-header"),
    RESPONSE_HEADER("response-header"),
    JWT("jwt");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The prefix users write before the colon. */
    public String prefix() {
      return prefix;
    }
  }

  private final Kind kind;
  private final String name;
  @Nullable private final PathTemplate template;

  private IdSource(Kind kind, String name, @Nullable PathTemplate template) {
    this.kind = kind;
    this.name = name;
    this.template = template;
  }

  /**
   * Parses one entry.
   *
   * @param allowJwt whether {@code jwt:} is accepted (user ids only)
   * @throws IllegalArgumentException saying what is wrong and what is accepted
   */
  public static IdSource parse(String entry, boolean allowJwt) {
    int colon = entry.indexOf(':');
    if (colon <= 0 || colon == entry.length() - 1) {
      throw new IllegalArgumentException(
          "expected <kind>:<name>, with kind one of " + kinds(allowJwt));
    }
    String prefix = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String name = entry.substring(colon + 1).trim();
    for (Kind kind : Kind.values()) {
      if (!kind.prefix.equals(prefix)) {
        continue;
      }
      if (kind == Kind.JWT && !allowJwt) {
        throw new IllegalArgumentException("jwt: is only a source of user ids");
      }
      if (kind == Kind.PATH) {
        PathTemplate template = PathTemplate.parse(name);
        if (!template.hasCapture()) {
          throw new IllegalArgumentException("a path source needs an {id} segment");
        }
        return new IdSource(kind, name, template);
      }
      if (!isToken(name)) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a valid header or parameter name");
      }
      return new IdSource(kind, name, null);
    }
    throw new IllegalArgumentException(
        "unknown kind '" + prefix + "', expected one of " + kinds(allowJwt));
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // header, parameter and claim names: the id characters without ':'
      if (c == ':' || !IdPolicy.isIdChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static String kinds(boolean allowJwt) {
    StringBuilder out = new StringBuilder();
    for (Kind kind : Kind.values()) {
      if (kind == Kind.JWT && !allowJwt) {
        continue;
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(kind.prefix).append(':');
    }
    return out.toString();
  }

  public Kind kind() {
    return kind;
  }

  /** Header, parameter or claim name, or the template text for {@link Kind#PATH}. */
  public String name() {
    return name;
  }

  /** The template of a {@link Kind#PATH} source, else {@code null}. */
  @Nullable
  public PathTemplate template() {
    return template;
  }

  @Override
  public String toString() {
    return kind.prefix + ':' + name;
  }
}
