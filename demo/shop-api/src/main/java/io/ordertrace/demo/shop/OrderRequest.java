/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.shop;

import java.util.List;
import java.util.Map;

/**
 * What a customer sends to place an order. Contains personal data on purpose (PII redaction tests).
 */
public record OrderRequest(
    Customer customer, Map<String, String> deliveryAddress, List<Item> items) {
  /** The buyer. */
  public record Customer(String name, String email, String phone) {}

  /** One order line. */
  public record Item(String sku, Integer quantity) {}
}
