/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimatorTest {
  @Test
  void pricesItemsWithLabourAndPicksMaterial() {
    Estimate e =
        Estimator.estimate(
            Map.of(
                "orderId",
                "100042",
                "items",
                List.of(
                    Map.of(
                        "sku",
                        "RING-GOLD-ALX",
                        "quantity",
                        new BigDecimal(2),
                        "unitPrice",
                        new BigDecimal("450.00")),
                    Map.of("sku", "EAR-SILV-01", "quantity", 1, "unitPrice", "120.5"))));
    // 2*450 + 2*35 + 120.50 + 35
    assertThat(e.price()).isEqualByComparingTo("1125.50");
    assertThat(e.material()).isEqualTo("gold-585");
    assertThat(e.productionDays()).isEqualTo(6);
    assertThat(e.orderId()).isEqualTo("100042");
  }

  @Test
  void materialFollowsSku() {
    assertThat(Estimator.material("pend-plat-2")).isEqualTo("platinum-950");
    assertThat(Estimator.material("X")).isEqualTo("alexandrite-on-silver-925");
  }

  @Test
  void rejectsBadRequests() {
    assertThatThrownBy(() -> Estimator.estimate(Map.of("items", List.of())))
        .hasMessageContaining("orderId");
    assertThatThrownBy(() -> Estimator.estimate(Map.of("orderId", "1", "items", List.of())))
        .hasMessageContaining("items");
    assertThatThrownBy(
            () ->
                Estimator.estimate(
                    Map.of(
                        "orderId",
                        "1",
                        "items",
                        List.of(Map.of("sku", "A", "quantity", 0, "unitPrice", 1)))))
        .hasMessageContaining("quantity");
  }
}
