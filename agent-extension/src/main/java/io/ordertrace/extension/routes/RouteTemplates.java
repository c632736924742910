/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.routes;

import io.ordertrace.extension.config.ConfigErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The routes of {@code ordertrace.routes}, for HTTP servers that report none (the JDK {@code
 * HttpServer} with one context at {@code /}, plain servlets): the first template that matches the
 * whole path gives {@code http.route} and the span name {@code METHOD route}. Entries are
 * comma-separated {@code [METHOD ]/path/template}; see {@link RouteTemplate}.
 */
public final class RouteTemplates {

  private static final RouteTemplates NONE =
      new RouteTemplates(Collections.<RouteTemplate>emptyList());

  private final List<RouteTemplate> templates;

  private RouteTemplates(List<RouteTemplate> templates) {
    this.templates = templates;
  }

  public static RouteTemplates none() {
    return NONE;
  }

  /**
   * Parses the configured entries, then appends the {@code derived} ones (from the stage rules and
   * the order-id path sources) that are not configured already. A bad configured entry is reported
   * and skipped; a derived one that does not parse is skipped silently (it was reported under its
   * own property).
   */
  public static RouteTemplates parse(
      List<String> configured, List<String> derived, String property, ConfigErrors errors) {
    List<RouteTemplate> templates = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String entry : configured) {
      try {
        RouteTemplate template = RouteTemplate.parse(entry);
        templates.add(template);
        seen.add(template.toString());
      } catch (IllegalArgumentException e) {
        errors.invalid(property, entry, e.getMessage());
      }
    }
    for (String entry : derived) {
      try {
        RouteTemplate template = RouteTemplate.parse(entry);
        if (!seen.contains(template.toString())) {
          templates.add(template);
          seen.add(template.toString());
        }
      } catch (IllegalArgumentException e) {
        // reported where it was configured
      }
    }
    return new RouteTemplates(Collections.unmodifiableList(templates));
  }

  /** The route of this request, or {@code null} when no template matches. */
  @Nullable
  public String route(@Nullable String method, @Nullable String path) {
    if (path == null) {
      return null;
    }
    for (int i = 0; i < templates.size(); i++) {
      RouteTemplate template = templates.get(i);
      if (template.matches(method, path)) {
        return template.route();
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return templates.isEmpty();
  }

  @Override
  public String toString() {
    return templates.toString();
  }
}
