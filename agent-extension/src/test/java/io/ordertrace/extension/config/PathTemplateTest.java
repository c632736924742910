/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

  @ParameterizedTest(name = "{0} on {1} captures {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "/api/orders/{id}, /api/orders/42, 42",
        "/api/orders/{id}, /api/orders/42/items, 42",
        "/api/orders/{id}, /api/orders/42?x=1, 42",
        "/api/orders/{id}, //api//orders//42, 42",
        "/api/orders/{id}, /api/orders, null",
        "/api/orders/{id}, /api/orders/, null",
        "/api/orders/{id}, /api/order/42, null",
        "/api/orders/{id}, /api/ordersX/42, null",
        "/api/{id}/items, /api/7/items, 7",
        "/api/*/orders/{id}, /api/v2/orders/9, 9",
        "/api/orders/{id}, api/orders/42, null",
      })
  void capturesTheIdSegmentOfAPathPrefix(String template, String path, String expected) {
    assertThat(PathTemplate.parse(template).capture(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} matches {1} exactly: {2}")
  @CsvSource({
    "/api/orders, /api/orders, true",
    "/api/orders, /api/orders/, true",
    "/api/orders, /api/orders/42, false",
    "/crm/orders/{id}/approve, /crm/orders/42/approve, true",
    "/crm/orders/{id}/approve, /crm/orders/42/approve/now, false",
  })
  void exactMatchRejectsExtraSegments(String template, String path, boolean expected) {
    assertThat(PathTemplate.parse(template).matchesExactly(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"api/orders/{id}", "/api/{id}/{id}", "/api/order-{id}"})
  void rejectsMalformedTemplates(String template) {
    assertThatThrownBy(() -> PathTemplate.parse(template))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
