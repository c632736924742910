/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Order registration and approval. */
@Service
public class OrderService {
  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

  private final OrderRepository orders;
  private final PaymentClient payment;
  private final OrderPublisher publisher;
  private final CrmProperties props;

  public OrderService(
      OrderRepository orders,
      PaymentClient payment,
      OrderPublisher publisher,
      CrmProperties props) {
    this.orders = orders;
    this.payment = payment;
    this.publisher = publisher;
    this.props = props;
  }

  @Transactional
  public Order register(String userId, JsonNode request) {
    NewOrder o = NewOrder.validate(request);
    String orderId = orders.nextOrderId();
    orders.insert(
        orderId,
        userId,
        o.channel(),
        o.customer(),
        o.deliveryAddress(),
        o.items(),
        o.total(),
        o.currency());
    LOG.info(
        "order {}: registered for user {} ({} item lines, total {} {})",
        orderId,
        userId,
        o.items().size(),
        o.total(),
        o.currency());
    return orders.find(orderId).orElseThrow();
  }

  public Order get(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new Errors.OrderNotFoundException(orderId));
  }

  /**
   * Charges the order and hands it to production (order.approved). Idempotent for approved orders.
   */
  @Transactional
  public Order approve(String orderId) {
    Order order =
        orders.findForUpdate(orderId).orElseThrow(() -> new Errors.OrderNotFoundException(orderId));
    if (props.failsOrder(orderId)) {
      Errors.OrderProcessingException failure =
          new Errors.OrderProcessingException(
              "order "
                  + orderId
                  + ": CRM could not approve the order (fault injection CRM_FAIL_ORDER_IDS="
                  + props.failOrderIds()
                  + ")");
      LOG.error("order {}: approval failed", orderId, failure);
      throw failure;
    }
    if (Order.APPROVED.equals(order.status())) {
      LOG.info("order {}: already approved", orderId);
      return order;
    }
    if (!Order.CREATED.equals(order.status())) {
      throw new Errors.OrderStateException(
          "order " + orderId + " cannot be approved: it is " + order.status());
    }
    String paymentId = payment.charge(orderId, order.total(), order.currency());
    orders.markApproved(orderId, paymentId);
    publisher.publishApproved(order);
    LOG.info("order {}: approved, payment {}", orderId, paymentId);
    return orders.find(orderId).orElseThrow();
  }

  /** A validated order request. */
  record NewOrder(
      String channel,
      JsonNode customer,
      JsonNode deliveryAddress,
      ArrayNode items,
      BigDecimal total,
      String currency) {

    static NewOrder validate(JsonNode r) {
      if (r == null || !r.isObject()) {
        throw new Errors.InvalidOrderException("body must be a JSON object");
      }
      JsonNode customer = r.path("customer");
      if (!customer.isObject() || !customer.path("email").asText("").contains("@")) {
        throw new Errors.InvalidOrderException("customer with a valid email is required");
      }
      JsonNode address = r.path("deliveryAddress");
      if (address.isMissingNode()
          || address.isNull()
          || (address.isTextual() && address.asText().isBlank())) {
        throw new Errors.InvalidOrderException("deliveryAddress is required");
      }
      if (!(r.path("items") instanceof ArrayNode items) || items.isEmpty()) {
        throw new Errors.InvalidOrderException("items must be a non-empty list");
      }
      BigDecimal total = BigDecimal.ZERO;
      for (JsonNode item : items) {
        String sku = item.path("sku").asText("");
        int qty = item.path("quantity").asInt(0);
        if (sku.isBlank() || qty < 1 || !item.path("unitPrice").isNumber()) {
          throw new Errors.InvalidOrderException(
              "each item needs sku, quantity >= 1 and a numeric unitPrice");
        }
        total = total.add(item.path("unitPrice").decimalValue().multiply(BigDecimal.valueOf(qty)));
      }
      String currency = r.path("currency").asText("EUR");
      return new NewOrder(
          r.path("channel").asText("api"),
          customer,
          address,
          items,
          total.setScale(2, RoundingMode.HALF_UP),
          currency);
    }
  }
}
