/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class OrderControllerTest {
  private final OrderController controller =
      new OrderController(new Catalog(), null, new ObjectMapper());
  private final OrderRequest.Customer anna =
      new OrderRequest.Customer("Anna", "anna@example.com", "+49 30 1234567");

  @Test
  void pricesItemsFromTheCatalog() {
    ObjectNode o =
        controller.toCrmOrder(
            new OrderRequest(
                anna,
                Map.of("city", "Berlin"),
                List.of(
                    new OrderRequest.Item("RING-GOLD-ALX", 2),
                    new OrderRequest.Item("BRAC-SILV-01", null))));
    assertThat(o.path("items")).hasSize(2);
    assertThat(o.path("items").get(0).path("unitPrice").decimalValue())
        .isEqualByComparingTo("890.00");
    assertThat(o.path("items").get(1).path("quantity").asInt()).isEqualTo(1);
    assertThat(o.path("customer").path("email").asText()).isEqualTo("anna@example.com");
    assertThat(o.path("channel").asText()).isEqualTo("web-shop");
  }

  @Test
  void rejectsUnknownSkusAndBadQuantities() {
    assertThatThrownBy(
            () ->
                controller.toCrmOrder(
                    new OrderRequest(
                        anna, Map.of("city", "Berlin"), List.of(new OrderRequest.Item("NOPE", 1)))))
        .isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("NOPE");
    assertThatThrownBy(
            () ->
                controller.toCrmOrder(
                    new OrderRequest(
                        anna,
                        Map.of("city", "Berlin"),
                        List.of(new OrderRequest.Item("RING-GOLD-ALX", 11)))))
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> controller.toCrmOrder(new OrderRequest(anna, Map.of(), List.of())))
        .hasMessageContaining("deliveryAddress");
  }
}
