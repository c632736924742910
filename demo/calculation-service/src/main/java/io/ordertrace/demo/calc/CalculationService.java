/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.calc;

import static io.ordertrace.demo.support.LiteHttpServer.sendJson;

import com.sun.net.httpserver.HttpExchange;
import io.ordertrace.demo.support.Env;
import io.ordertrace.demo.support.FaultRule;
import io.ordertrace.demo.support.LiteHttpServer;
import io.ordertrace.demo.support.LiteHttpServer.HttpError;
import io.ordertrace.demo.support.Log;
import java.util.Map;

/**
 * Calculation Service: {@code POST /calc/estimate} prices an order and picks the material. Latency:
 * {@code CALC_LATENCY_MS} for every request, plus {@code CALC_SLOW_MS} for order ids matching
 * {@code CALC_SLOW_ORDER_IDS} (fault injection: a slow dependency).
 */
public final class CalculationService {
  private static final Log LOG = Log.get(CalculationService.class);

  private final int latencyMs;
  private final int slowMs;
  private final FaultRule slowOrders;

  CalculationService(int latencyMs, int slowMs, FaultRule slowOrders) {
    this.latencyMs = latencyMs;
    this.slowMs = slowMs;
    this.slowOrders = slowOrders;
  }

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    CalculationService svc =
        new CalculationService(
            env.getInt("CALC_LATENCY_MS", 20),
            env.getInt("CALC_SLOW_MS", 3000),
            env.fault("CALC_SLOW_ORDER_IDS"));
    LOG.info(
        "latency "
            + svc.latencyMs
            + " ms, slow orders: "
            + svc.slowOrders
            + " (+"
            + svc.slowMs
            + " ms)");
    svc.server()
        .start(env.get("BIND_HOST", "127.0.0.1"), env.getInt("CALCULATION_SERVICE_PORT", 8083), 8);
  }

  LiteHttpServer server() {
    return new LiteHttpServer("calculation-service")
        .route("GET", "/health", (ex, m) -> sendJson(ex, 200, Map.of("status", "UP")))
        .route("POST", "/calc/estimate", (ex, m) -> estimate(ex));
  }

  private void estimate(HttpExchange ex) throws Exception {
    long start = System.nanoTime();
    Map<String, Object> req = LiteHttpServer.jsonBody(ex);
    Estimate estimate;
    try {
      estimate = Estimator.estimate(req);
    } catch (IllegalArgumentException e) {
      throw new HttpError(422, e.getMessage());
    }
    long delay = latencyMs;
    if (slowOrders.matches(estimate.orderId())) {
      delay += slowMs;
      LOG.warn(
          "order "
              + estimate.orderId()
              + ": slow calculation injected by "
              + slowOrders
              + " (+"
              + slowMs
              + " ms)");
    }
    if (delay > 0) {
      Thread.sleep(delay);
    }
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        "order "
            + estimate.orderId()
            + ": estimated "
            + estimate.price()
            + " "
            + estimate.currency()
            + ", material "
            + estimate.material()
            + " in "
            + tookMs
            + " ms");
    Map<String, Object> body = estimate.toJson();
    body.put("computeMillis", tookMs);
    sendJson(ex, 200, body);
  }
}
