/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/crm/orders")
public class OrderController {
  private final OrderService service;
  private final OrderRepository orders;

  public OrderController(OrderService service, OrderRepository orders) {
    this.service = service;
    this.orders = orders;
  }

  @PostMapping
  public ResponseEntity<Order> register(
      @RequestHeader(name = "X-User-Id", required = false) String userId,
      @RequestBody JsonNode body) {
    Order order = service.register(userId, body);
    return ResponseEntity.created(URI.create("/crm/orders/" + order.orderId()))
        .header("X-Order-Id", order.orderId())
        .body(order);
  }

  @GetMapping("/{orderId:\\d{1,12}}")
  public Map<String, Object> get(@PathVariable String orderId) {
    Order order = service.get(orderId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("order", order);
    view.put("events", orders.events(orderId));
    return view;
  }

  @PostMapping("/{orderId:\\d{1,12}}/approve")
  public ResponseEntity<Order> approve(@PathVariable String orderId) {
    return ResponseEntity.ok().header("X-Order-Id", orderId).body(service.approve(orderId));
  }
}
