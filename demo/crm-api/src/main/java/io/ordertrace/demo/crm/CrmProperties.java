/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** CRM settings (application.properties maps them to environment variables). */
@ConfigurationProperties("crm")
public record CrmProperties(
    String paymentUrl,
    int paymentTimeoutMs,
    String exchange,
    String routingKey,
    String queue,
    String deadLetterQueue,
    int confirmTimeoutMs,
    String failOrderIds) {

  /** Fault injection: approving an order whose id matches answers 500. */
  public boolean failsOrder(String orderId) {
    return failOrderIds != null
        && !failOrderIds.isBlank()
        && Pattern.compile(failOrderIds).matcher(orderId).matches();
  }

  public String deadLetterExchange() {
    return exchange + ".dlx";
  }
}
