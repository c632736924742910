/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Maps requests and consumed messages to an order lifecycle stage (requirement D5). Syntax of
 * {@code ordertrace.stage.rules}: comma-separated {@code <matcher>=<stage>}, where the matcher is
 * {@code METHOD /path/template} (method or {@code *}; the template matches the whole path, with
 * {@code {id}} or {@code *} for one segment) or {@code message:<destination>} (exchange, routing
 * key or queue of a consumed message). The first matching rule wins.
 */
public final class StageRules {

  /** The order flow of the demo and of the company's systems. */
  public static final String DEFAULTS =
      "POST /api/orders=created,"
          + "POST /crm/orders=created,"
          + "POST /crm/orders/{id}/approve=approved,"
          + "message:order.approved=in_production,"
          + "POST /mes/orders/{id}/ship=shipped";

  private static final String MESSAGE_PREFIX = "message:";

  private final List<RequestRule> requestRules;
  private final List<MessageRule> messageRules;

  private StageRules(List<RequestRule> requestRules, List<MessageRule> messageRules) {
    this.requestRules = requestRules;
    this.messageRules = messageRules;
  }

  public static StageRules parse(List<String> entries, String property, ConfigErrors errors) {
    List<RequestRule> requests = new ArrayList<>();
    List<MessageRule> messages = new ArrayList<>();
    for (String entry : entries) {
      int eq = entry.lastIndexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        errors.invalid(
            property,
            entry,
            "expected '<METHOD /path>=<stage>' or 'message:<destination>=<stage>'");
        continue;
      }
      String matcher = entry.substring(0, eq).trim();
      String stage = entry.substring(eq + 1).trim();
      if (!isStageName(stage)) {
        errors.invalid(property, entry, "a stage is lower-case letters, digits and '_'");
        continue;
      }
      if (matcher.regionMatches(true, 0, MESSAGE_PREFIX, 0, MESSAGE_PREFIX.length())) {
        String destination = matcher.substring(MESSAGE_PREFIX.length()).trim();
        if (destination.isEmpty()) {
          errors.invalid(property, entry, "message: needs a destination name");
          continue;
        }
        messages.add(new MessageRule(destination, stage));
        continue;
      }
      int space = matcher.indexOf(' ');
      if (space <= 0) {
        errors.invalid(property, entry, "expected a method and a path, e.g. 'POST /api/orders'");
        continue;
      }
      String method = matcher.substring(0, space).trim().toUpperCase(Locale.ROOT);
      try {
        PathTemplate template = PathTemplate.parse(matcher.substring(space + 1).trim());
        requests.add(new RequestRule(method, template, stage));
      } catch (IllegalArgumentException e) {
        errors.invalid(property, entry, e.getMessage());
      }
    }
    return new StageRules(
        Collections.unmodifiableList(requests), Collections.unmodifiableList(messages));
  }

  private static boolean isStageName(String stage) {
    for (int i = 0; i < stage.length(); i++) {
      char c = stage.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return !stage.isEmpty();
  }

  public boolean isEmpty() {
    return requestRules.isEmpty() && messageRules.isEmpty();
  }

  /** The stage of an HTTP request, or {@code null}. */
  @Nullable
  public String forRequest(@Nullable String method, @Nullable String path) {
    if (method == null || path == null) {
      return null;
    }
    for (int i = 0; i < requestRules.size(); i++) {
      RequestRule rule = requestRules.get(i);
      if ((rule.method.equals("*") || rule.method.equalsIgnoreCase(method))
          && rule.template.matchesExactly(path)) {
        return rule.stage;
      }
    }
    return null;
  }

  /** The stage of a consumed message, from any of its destination names, or {@code null}. */
  @Nullable
  public String forMessage(@Nullable String... destinations) {
    for (int i = 0; i < messageRules.size(); i++) {
      MessageRule rule = messageRules.get(i);
      for (String destination : destinations) {
        if (rule.destination.equals(destination)) {
          return rule.stage;
        }
      }
    }
    return null;
  }

  private static final class RequestRule {
    final String method;
    final PathTemplate template;
    final String stage;

    RequestRule(String method, PathTemplate template, String stage) {
      this.method = method;
      this.template = template;
      this.stage = stage;
    }
  }

  private static final class MessageRule {
    final String destination;
    final String stage;

    MessageRule(String destination, String stage) {
      this.destination = destination;
      this.stage = stage;
    }
  }
}
