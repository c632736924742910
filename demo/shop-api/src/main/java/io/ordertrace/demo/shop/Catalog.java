/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The jewellery catalog (static for the demo). */
@Component
public class Catalog {
  /** One product. */
  public record Product(
      String sku, String name, String material, BigDecimal price, String currency) {}

  private static final List<Product> PRODUCTS =
      List.of(
          new Product(
              "RING-GOLD-ALX",
              "Alexandrite ring, gold 585",
              "gold-585",
              new BigDecimal("890.00"),
              "EUR"),
          new Product(
              "RING-SILV-ALX",
              "Alexandrite ring, silver 925",
              "silver-925",
              new BigDecimal("240.00"),
              "EUR"),
          new Product(
              "EAR-GOLD-ALX",
              "Alexandrite earrings, gold 585",
              "gold-585",
              new BigDecimal("640.00"),
              "EUR"),
          new Product(
              "PEND-PLAT-ALX",
              "Alexandrite pendant, platinum 950",
              "platinum-950",
              new BigDecimal("1450.00"),
              "EUR"),
          new Product(
              "BRAC-SILV-01",
              "Chain bracelet, silver 925",
              "silver-925",
              new BigDecimal("120.00"),
              "EUR"));

  public List<Product> all() {
    return PRODUCTS;
  }

  public Optional<Product> find(String sku) {
    return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst();
  }
}
