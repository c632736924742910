/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplatesTest {

  private static final RouteTemplates ROUTES =
      RouteTemplates.parse(
          Arrays.asList("POST /calc/estimate", "/files/**", "GET /mes/orders/{id}"),
          Arrays.asList("POST /mes/orders/{id}/ship", "/mes/orders/{id}", "/crm/orders/{id}"),
          "ordertrace.routes",
          (p, v, r) -> {
            throw new AssertionError(v + ": " + r);
          });

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "POST, /mes/orders/100042/ship, /mes/orders/{id}/ship",
        "GET,  /mes/orders/100042, /mes/orders/{id}",
        "GET,  /mes/orders/100042?x=1, /mes/orders/{id}",
        "PUT,  /mes/orders/100042, /mes/orders/{id}",
        "POST, /calc/estimate, /calc/estimate",
        "GET,  /calc/estimate, none",
        "PUT,  /files/models/100042.stl, /files/**",
        "GET,  /files, none",
        "GET,  /mes/orders/1/ship/extra, none",
        "GET,  /, none",
        "POST, /crm/orders/7, /crm/orders/{id}"
      })
  void theFirstTemplateMatchingTheWholePathIsTheRoute(String method, String path, String route) {
    assertThat(ROUTES.route(method, path)).isEqualTo(route);
  }

  @Test
  void badEntriesAreReportedAndSkipped() {
    List<String> errors = new ArrayList<>();
    RouteTemplates routes =
        RouteTemplates.parse(
            Arrays.asList("calc/estimate", "/a/**/b", "/x/{id}y", "post /ok"),
            Collections.<String>emptyList(),
            "ordertrace.routes",
            (p, v, r) -> errors.add(p + " " + v));
    assertThat(errors)
        .containsExactly(
            "ordertrace.routes calc/estimate",
            "ordertrace.routes /a/**/b",
            "ordertrace.routes /x/{id}y");
    assertThat(routes.route("POST", "/ok")).isEqualTo("/ok");
  }
}
