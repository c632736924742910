/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** An order as stored by the CRM. Customer data is personal data: it stays in the CRM. */
public record Order(
    String orderId,
    String status,
    String userId,
    String channel,
    JsonNode customer,
    JsonNode deliveryAddress,
    JsonNode items,
    BigDecimal total,
    String currency,
    String paymentId,
    Instant createdAt,
    Instant updatedAt) {

  public static final String CREATED = "Created";
  public static final String APPROVED = "Approved";
}
