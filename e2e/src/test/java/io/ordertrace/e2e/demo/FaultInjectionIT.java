/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every injected fault is observable. Order ids come from a sequence, so faults are keyed on the
 * last digit: ten consecutive orders cover every fault once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIT {
  private static final int SLOW_MS = 1500;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private DemoStack stack;

  /** last digit -> order id */
  private final Map<Character, String> orders = new LinkedHashMap<>();

  private final Map<Character, HttpResponse<String>> approvals = new LinkedHashMap<>();

  @BeforeAll
  void startStackAndPlaceOrders() {
    stack =
        DemoStack.builder()
            .name("FaultInjectionIT")
            .faultsByLastDigit(SLOW_MS)
            // six JVMs on a shared two-core machine: Spring Boot alone took 60 s to start at load
            // 27
            .startTimeout(Duration.ofMinutes(10))
            .start();
    Set<Character> wanted = new HashSet<>(Set.of('0', '1', '2', '3', '4', '5', '6'));
    for (int i = 0; i < 30 && !wanted.isEmpty(); i++) {
      HttpResponse<String> r =
          Http.post(stack.url("shop-api") + "/api/orders", Http.order("RING-GOLD-ALX", 1));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      String id = r.headers().firstValue("X-Order-Id").orElseThrow();
      char last = id.charAt(id.length() - 1);
      if (wanted.remove(last)) {
        orders.put(last, id);
      }
    }
    assertThat(wanted).as("order ids ending in these digits were never issued").isEmpty();
    for (Map.Entry<Character, String> e : orders.entrySet()) {
      approvals.put(
          e.getKey(),
          Http.post(stack.url("crm-api") + "/crm/orders/" + e.getValue() + "/approve", null));
    }
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private Map<String, Object> mesOrder(String id) {
    HttpResponse<String> r = Http.get(stack.url("mes-api") + "/mes/orders/" + id);
    return r.statusCode() == 200 ? Http.json(r) : null;
  }

  private Map<String, Object> awaitMesStatus(String id, String status) {
    return Http.await(
        WAIT,
        "MES status " + status + " for order " + id,
        () -> {
          Map<String, Object> o = mesOrder(id);
          return o != null && status.equals(o.get("status")) ? o : null;
        });
  }

  private String mesLog() throws Exception {
    return Files.readString(stack.logFile("mes-api"));
  }

  @Test
  void normalOrderReachesProduction() {
    assertThat(approvals.get('0').statusCode()).isEqualTo(200);
    awaitMesStatus(orders.get('0'), "in_production");
  }

  @Test
  void crmAnswers500ForMatchingOrderAndKeepsItUnapproved() throws Exception {
    String id = orders.get('1');
    HttpResponse<String> r = approvals.get('1');
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("CRM_FAIL_ORDER_IDS").contains(id);
    assertThat(Http.json(Http.get(stack.url("shop-api") + "/api/orders/" + id)))
        .containsEntry("status", "Created");
    assertThat(Files.readString(stack.logFile("crm-api"))).contains("OrderProcessingException");
    // Never published, so never produced.
    assertThat(mesOrder(id)).isNull();
  }

  @Test
  void mesNackRequeuesOnceThenDeadLettersAndOrderIsNotInProduction() throws Exception {
    String id = orders.get('2');
    assertThat(approvals.get('2').statusCode()).isEqualTo(200);
    String deadQueue = stack.setting("MES_DEAD_LETTER_QUEUE");
    String deadOrderId;
    try (Connection c = stack.rabbit();
        Channel ch = c.createChannel()) {
      deadOrderId =
          Http.await(
              WAIT,
              "order " + id + " in " + deadQueue,
              () -> {
                try {
                  // The queue also holds other dead letters (the DB-timeout order): look at all of
                  // them,
                  // then put them all back; taking and requeueing only the head would see it
                  // forever.
                  String found = null;
                  long lastTag = -1;
                  for (GetResponse g = ch.basicGet(deadQueue, false);
                      g != null;
                      g = ch.basicGet(deadQueue, false)) {
                    lastTag = g.getEnvelope().getDeliveryTag();
                    if (id.equals(String.valueOf(g.getProps().getHeaders().get("order_id")))) {
                      found = id;
                    }
                  }
                  if (lastTag >= 0) {
                    ch.basicNack(lastTag, true, true);
                  }
                  return found;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
    }
    assertThat(deadOrderId).isEqualTo(id);
    assertThat(mesOrder(id)).isNull();
    String log = mesLog();
    assertThat(log)
        .contains("OrderRejectedException: order " + id + ": rejected by MES")
        .contains("requeued once")
        .contains("order " + id + ": received from")
        .contains("(redelivered)");
  }

  @Test
  void mesSilentDropLeavesNoLineAndNoProductionOrder() throws Exception {
    String id = orders.get('6');
    assertThat(approvals.get('6').statusCode()).isEqualTo(200);
    awaitMesLog("MES to receive order " + id, "order " + id + ": received from");
    try (Connection c = stack.rabbit();
        Channel ch = c.createChannel()) {
      Http.await(
          WAIT,
          "the queue to be empty",
          () -> {
            try {
              return ch.queueDeclarePassive(stack.setting("MES_QUEUE")).getMessageCount() == 0
                  ? true
                  : null;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    assertThat(mesOrder(id)).as("acknowledged, yet never in production").isNull();
    assertThat(mesLog())
        .as("nothing but the receipt is logged")
        .doesNotContain("Exception: order " + id);
  }

  @Test
  void mesDropAcknowledgesWithoutProcessing() throws Exception {
    String id = orders.get('3');
    assertThat(approvals.get('3').statusCode()).isEqualTo(200);
    awaitMesLog("MES to drop order " + id, "OrderMessageDroppedException: order " + id);
    assertThat(mesOrder(id)).as("a dropped order never reaches production").isNull();
    // Acknowledged, so not in the queue and not dead-lettered: simply lost (U4 "lost orders").
    try (Connection c = stack.rabbit();
        Channel ch = c.createChannel()) {
      assertThat(ch.queueDeclarePassive(stack.setting("MES_QUEUE")).getMessageCount()).isZero();
    }
  }

  @Test
  void mesDbStatementTimeoutFailsTheOrder() throws Exception {
    String id = orders.get('4');
    assertThat(approvals.get('4').statusCode()).isEqualTo(200);
    Map<String, Object> failed = awaitMesStatus(id, "failed");
    assertThat(String.valueOf(failed.get("error")))
        .contains("PSQLException")
        .contains("statement timeout");
    assertThat(mesLog()).contains("ProductionFailedException: order " + id);
    HttpResponse<String> ship =
        Http.post(stack.url("mes-api") + "/mes/orders/" + id + "/ship", null);
    assertThat(ship.statusCode()).isEqualTo(409);
  }

  @Test
  void slowCalculationDelaysProduction() {
    String id = orders.get('5');
    assertThat(approvals.get('5').statusCode()).isEqualTo(200);
    Map<String, Object> o = awaitMesStatus(id, "in_production");
    Matcher m = Pattern.compile("calculation took (\\d+) ms").matcher(o.get("steps").toString());
    assertThat(m.find()).as(o.get("steps").toString()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(SLOW_MS);

    // And directly: only matching order ids are slow.
    long t0 = System.nanoTime();
    HttpResponse<String> slow = estimateOneGoldRing("1000005");
    long slowMs = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    HttpResponse<String> fast = estimateOneGoldRing("1000006");
    long fastMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(slowMs).isGreaterThanOrEqualTo(SLOW_MS);
    assertThat(fastMs).isLessThan(SLOW_MS);
    assertThat(Http.json(fast)).containsEntry("material", "gold-585");
  }

  /** Waits (up to WAIT, as {@code what}) until the MES log contains {@code text}. */
  private void awaitMesLog(String what, String text) {
    Http.await(
        WAIT,
        what,
        () -> {
          try {
            return mesLog().contains(text) ? true : null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Asks the calculation service directly for an estimate of one gold ring, for {@code orderId}.
   */
  private HttpResponse<String> estimateOneGoldRing(String orderId) {
    return Http.post(
        stack.url("calculation-service") + "/calc/estimate",
        Map.of(
            "orderId",
            orderId,
            "items",
            java.util.List.of(Map.of("sku", "RING-GOLD-ALX", "quantity", 1, "unitPrice", 890))));
  }
}
