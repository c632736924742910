/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesNestedValues() {
    Map<String, Object> m =
        Json.parseObject(
            "{ \"id\": \"100001\", \"n\": -1.5e2, \"ok\": true, \"none\": null,"
                + " \"items\": [ {\"sku\": \"R-1\", \"q\": 2}, [] ], \"s\": \"a\\\"b\\u00e9\\n\" }");
    assertThat(m)
        .containsEntry("id", "100001")
        .containsEntry("ok", true)
        .containsEntry("none", null);
    assertThat((BigDecimal) m.get("n")).isEqualByComparingTo("-150");
    assertThat((List<?>) m.get("items")).hasSize(2);
    assertThat(m.get("s")).isEqualTo("a\"bé\n");
  }

  @Test
  void roundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "line\n\"quoted\"\u0001");
    m.put("price", new BigDecimal("12.50"));
    m.put("list", List.of(1, "x", false));
    m.put("nil", null);
    String json = Json.write(m);
    assertThat(json)
        .isEqualTo(
            "{\"text\":\"line\\n\\\"quoted\\\"\\u0001\",\"price\":12.50,\"list\":[1,\"x\",false],\"nil\":null}");
    assertThat(Json.parseObject(json)).containsEntry("text", m.get("text"));
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[1,2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("trailing");
    assertThatThrownBy(() -> Json.parseObject("[]")).hasMessageContaining("object");
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
