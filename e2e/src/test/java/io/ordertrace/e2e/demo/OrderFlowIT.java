/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.demo.driver.Options;
import io.ordertrace.demo.driver.OrderDriver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The happy path through every service, without any agent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderFlowIT {
  private DemoStack stack;

  @BeforeAll
  void startStack() {
    stack = DemoStack.builder().name("OrderFlowIT").start();
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void healthEndpointsAnswer() {
    for (DemoStack.Service s : stack.services().values()) {
      HttpResponse<String> r = Http.get(s.url() + s.healthPath());
      assertThat(r.statusCode()).as(s.name()).isEqualTo(200);
      assertThat(r.body()).as(s.name()).contains("UP");
    }
  }

  @Test
  void driverTakesOrdersThroughAllStagesToShipped() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    OrderDriver driver =
        new OrderDriver(
            Options.parse(
                "--orders",
                "3",
                "--shop",
                stack.url("shop-api"),
                "--crm",
                stack.url("crm-api"),
                "--mes",
                stack.url("mes-api"),
                "--timeout-seconds",
                "30"),
            new PrintStream(buf, true, StandardCharsets.UTF_8));
    List<OrderDriver.Result> results = driver.placeAll();
    driver.printTable(results);
    assertThat(results)
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.finalStatus()).as(r.toString()).isEqualTo("shipped"));

    List<Object> charges = Http.jsonList(Http.get(stack.url("payment-stub") + "/_received"));
    for (OrderDriver.Result r : results) {
      String id = r.orderId();
      assertThat(id).matches("\\d{6,7}");

      // Shop and CRM show the order as approved, with the customer's data.
      Map<String, Object> shopView =
          Http.json(Http.get(stack.url("shop-api") + "/api/orders/" + id));
      assertThat(shopView)
          .containsEntry("orderId", id)
          .containsEntry("status", "Approved")
          .containsEntry("userId", r.userId());
      Map<String, Object> crmView = Http.json(Http.get(stack.url("crm-api") + "/crm/orders/" + id));
      assertThat(crmView.get("events").toString()).contains("Created", "Approved");

      // MES: shipped, with every production step, and the 3D model is in the file store.
      Map<String, Object> mes = Http.json(Http.get(stack.url("mes-api") + "/mes/orders/" + id));
      assertThat(mes).containsEntry("status", "shipped").containsEntry("userId", r.userId());
      assertThat(mes.get("steps").toString())
          .contains("received", "estimated", "model_uploaded", "in_production", "shipped");
      HttpResponse<String> model =
          Http.get(stack.url("file-store") + "/files/models/" + id + ".stl");
      assertThat(model.statusCode()).isEqualTo(200);
      assertThat(model.body()).startsWith("solid order_" + id);
      assertThat(model.body().length())
          .isGreaterThan(1000)
          .isEqualTo(((Number) mes.get("modelBytes")).intValue());

      // The payment provider received exactly the approve call for this order.
      assertThat(charges)
          .anySatisfy(
              c -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> headers =
                    (Map<String, Object>) ((Map<String, Object>) c).get("headers");
                assertThat(headers.get("idempotency-key").toString()).contains("order-" + id);
                assertThat(headers.get("host").toString())
                    .contains("pay.alexandrite-payments.example");
              });
    }
    // No agent here, so certainly no baggage; the tracing tests reuse this check with the agent.
    assertThat(charges.toString()).doesNotContain("baggage");
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("3 of 3 orders shipped");
  }

  @Test
  void shopAnswersCreatedWithLocationAndOrderId() {
    HttpResponse<String> created =
        Http.post(stack.url("shop-api") + "/api/orders", Http.order("PEND-PLAT-ALX", 1));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.headers().firstValue("X-Order-Id").orElseThrow();
    assertThat(id).matches("\\d{6,7}");
    assertThat(created.headers().firstValue("Location")).hasValue("/api/orders/" + id);
    assertThat(Http.json(created)).containsEntry("orderId", id).containsEntry("status", "Created");

    Map<String, Object> order = Http.json(Http.get(stack.url("shop-api") + "/api/orders/" + id));
    assertThat(order).containsEntry("status", "Created").containsEntry("userId", "u-2001");
    assertThat(order.get("customer").toString()).contains("erika.mustermann@example.com");
    // Not yet approved: the MES does not know it.
    assertThat(Http.get(stack.url("mes-api") + "/mes/orders/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void catalogAndErrorsAreServed() {
    HttpResponse<String> catalog = Http.get(stack.url("shop-api") + "/api/catalog");
    assertThat(catalog.statusCode()).isEqualTo(200);
    assertThat(catalog.body()).contains("RING-GOLD-ALX", "PEND-PLAT-ALX");
    assertThat(Http.get(stack.url("shop-api") + "/api/orders/99999999").statusCode())
        .isEqualTo(404);
    assertThat(
            Http.post(stack.url("shop-api") + "/api/orders", Http.order("NO-SUCH-SKU", 1))
                .statusCode())
        .isEqualTo(400);
    assertThat(Http.post(stack.url("crm-api") + "/crm/orders/99999999/approve", null).statusCode())
        .isEqualTo(404);
    assertThat(Http.post(stack.url("mes-api") + "/mes/orders/99999999/ship", null).statusCode())
        .isEqualTo(404);
  }
}
