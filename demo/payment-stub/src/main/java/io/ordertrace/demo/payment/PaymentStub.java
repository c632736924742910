/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.payment;

import static io.ordertrace.demo.support.LiteHttpServer.sendJson;

import com.sun.net.httpserver.HttpExchange;
import io.ordertrace.demo.support.Env;
import io.ordertrace.demo.support.Json;
import io.ordertrace.demo.support.LiteHttpServer;
import io.ordertrace.demo.support.Log;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays the external payment provider ("Alexandrite Payments"). It is a third party: whatever
 * reaches it has left the company. Every request's headers are recorded and served at {@code GET
 * /_received}, so a test can check that no internal context (e.g. a {@code baggage} header with the
 * order id) was sent out.
 */
public final class PaymentStub {
  private static final Log LOG = Log.get(PaymentStub.class);
  private static final int MAX_RECORDS = 1000;

  private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
  private final AtomicLong charges = new AtomicLong();

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    new PaymentStub()
        .server()
        .start(env.get("BIND_HOST", "127.0.0.1"), env.getInt("PAYMENT_STUB_PORT", 8085), 4);
  }

  LiteHttpServer server() {
    return new LiteHttpServer("payment-stub")
        .route("GET", "/health", (ex, m) -> sendJson(ex, 200, Map.of("status", "UP")))
        .route("POST", "/v1/charges", (ex, m) -> charge(ex))
        .route("GET", "/_received", (ex, m) -> sendJson(ex, 200, received))
        .route(
            "DELETE",
            "/_received",
            (ex, m) -> {
              received.clear();
              sendJson(ex, 200, Map.of("cleared", true));
            });
  }

  private void charge(HttpExchange ex) throws Exception {
    String body = LiteHttpServer.body(ex);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("receivedAt", Instant.now().toString());
    record.put("method", ex.getRequestMethod());
    record.put("path", ex.getRequestURI().toString());
    Map<String, List<String>> headers = new TreeMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
    record.put("headers", headers);
    record.put("bodyBytes", body.length());
    if (received.size() >= MAX_RECORDS) {
      received.remove(0);
    }
    received.add(record);

    Map<String, Object> req;
    try {
      req = Json.parseObject(body);
    } catch (IllegalArgumentException e) {
      throw new LiteHttpServer.HttpError(400, "charge request must be JSON: " + e.getMessage());
    }
    String reference = Json.str(req, "reference");
    if (reference == null || req.get("amount") == null) {
      throw new LiteHttpServer.HttpError(422, "charge needs 'reference' and 'amount'");
    }
    String chargeId = "ch_" + (1_000_000 + charges.incrementAndGet());
    LOG.info(
        "charge "
            + chargeId
            + " accepted for reference "
            + reference
            + ", headers "
            + headers.keySet());
    Map<String, Object> resp = new LinkedHashMap<>();
    resp.put("id", chargeId);
    resp.put("reference", reference);
    resp.put("amount", req.get("amount"));
    resp.put("currency", req.getOrDefault("currency", "EUR"));
    resp.put("status", "succeeded");
    sendJson(ex, 201, resp);
  }
}
