/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api")
public class OrderController {
  private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);
  static final int MAX_LINES = 20;
  static final int MAX_QUANTITY = 10;

  private final Catalog catalog;
  private final CrmClient crm;
  private final ObjectMapper json;

  public OrderController(Catalog catalog, CrmClient crm, ObjectMapper json) {
    this.catalog = catalog;
    this.crm = crm;
    this.json = json;
  }

  @GetMapping("/catalog")
  public List<Catalog.Product> catalog() {
    return catalog.all();
  }

  @PostMapping("/orders")
  public ResponseEntity<Map<String, Object>> create(
      @RequestHeader(name = "X-User-Id", required = false) String userId,
      @RequestBody OrderRequest request) {
    ObjectNode crmOrder = toCrmOrder(request);
    JsonNode created = crm.createOrder(userId, crmOrder);
    String orderId = created == null ? null : created.path("orderId").asText(null);
    if (orderId == null) {
      throw new CrmClient.CrmUnavailableException("CRM answered without an order id", null);
    }
    LOG.info("order {} placed by user {}", orderId, userId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", orderId);
    body.put("status", created.path("status").asText());
    body.put("total", created.path("total").decimalValue());
    body.put("currency", created.path("currency").asText());
    return ResponseEntity.created(URI.create("/api/orders/" + orderId))
        .header("X-Order-Id", orderId)
        .body(body);
  }

  @GetMapping("/orders/{orderId:\\d{1,12}}")
  public ResponseEntity<JsonNode> get(@PathVariable String orderId) {
    JsonNode view = crm.getOrder(orderId);
    return ResponseEntity.ok().header("X-Order-Id", orderId).body(view.path("order"));
  }

  /** Validates a customer's request against the catalog and prices it. */
  ObjectNode toCrmOrder(OrderRequest r) {
    if (r == null
        || r.customer() == null
        || r.customer().email() == null
        || !r.customer().email().contains("@")) {
      throw bad("customer.email is required");
    }
    if (r.deliveryAddress() == null || r.deliveryAddress().isEmpty()) {
      throw bad("deliveryAddress is required");
    }
    if (r.items() == null || r.items().isEmpty() || r.items().size() > MAX_LINES) {
      throw bad("items must have 1 to " + MAX_LINES + " lines");
    }
    ObjectNode order = json.createObjectNode();
    order.put("channel", "web-shop");
    order.set("customer", json.valueToTree(r.customer()));
    order.set("deliveryAddress", json.valueToTree(r.deliveryAddress()));
    ArrayNode items = order.putArray("items");
    for (OrderRequest.Item item : r.items()) {
      Catalog.Product p =
          catalog.find(item.sku()).orElseThrow(() -> bad("unknown sku '" + item.sku() + "'"));
      int qty = item.quantity() == null ? 1 : item.quantity();
      if (qty < 1 || qty > MAX_QUANTITY) {
        throw bad("quantity of " + p.sku() + " must be 1 to " + MAX_QUANTITY);
      }
      ObjectNode line = items.addObject();
      line.put("sku", p.sku());
      line.put("name", p.name());
      line.put("quantity", qty);
      line.put("unitPrice", p.price());
    }
    order.put("currency", "EUR");
    return order;
  }

  private static ResponseStatusException bad(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
