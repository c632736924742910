/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrace.e2e.demo.DemoStack;
import io.ordertrace.testing.JaegerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole chain (U1, S5): demo services with the one-jar agent -> gateway collector -> Jaeger. An
 * order lookup (every service's traces tagged {@code order.id=<id>}) finds the order's traces, and
 * nothing of the customer's personal data is in them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFlowPipelineIT {
  private static final String NAME = "Svetlana Kuznetsova";
  private static final String EMAIL = "svetlana.kuznetsova@example.ru";
  private static final String PHONE = "+7 (916) 555-12-34";
  private static final String STREET = "Tverskaya ulitsa 13";

  private PipelineProcesses processes;
  private JaegerProcess jaeger;
  private DemoStack stack;
  private final List<String> orders = new ArrayList<>();

  @BeforeAll
  void runOrders() throws Exception {
    processes = new PipelineProcesses("DemoFlowPipelineIT");
    jaeger = processes.jaeger("jaeger");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", jaeger);
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent, built by the agent-extension module").exists();
    stack =
        DemoStack.builder()
            .name("DemoFlowPipelineIT")
            .tracedJvmArgs(PipelineProcesses.agentJvmArgs(agent, collector))
            .start();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> created =
          PipelineProcesses.post(
              stack.url("shop-api") + "/api/orders",
              PipelineProcesses.orderJson(NAME, EMAIL, PHONE, STREET));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = created.headers().firstValue("X-Order-Id").orElseThrow();
      orders.add(id);
      assertThat(
              PipelineProcesses.post(stack.url("crm-api") + "/crm/orders/" + id + "/approve", null)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
    if (processes != null) {
      processes.close();
    }
  }

  /** The order's traces, once creation and approval (>= 2 traces) are searchable. */
  private Set<String> tracesOf(String orderId) {
    AtomicReference<Set<String>> ids = new AtomicReference<>(Set.of());
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  ids.updateAndGet(old -> Spans.searchByTag(jaeger.queryUrl(), "order.id", orderId))
                          .size()
                      >= 2);
    } catch (ConditionTimeoutException fewer) {
      // the caller's assertion reports what was found
    }
    return ids.get();
  }

  @Test
  void supportFindsEveryOrdersTracesByOrderIdInJaeger() {
    for (String id : orders) {
      Set<String> traces = tracesOf(id);
      assertThat(traces)
          .as("traces of order " + id + " (creation, approval)")
          .hasSizeGreaterThanOrEqualTo(2);
      for (String t : traces) {
        assertThat(Spans.trace(jaeger.queryUrl(), t))
            .anySatisfy(s -> assertThat(Spans.attribute(s, "order.id")).isEqualTo(id));
      }
    }
  }

  @Test
  void noPersonalDataOfTheOrdersIsInJaeger() {
    List<String> pii =
        List.of(
            EMAIL,
            "svetlana.kuznetsova%40example.ru",
            "916) 555-12-34",
            "9165551234",
            STREET,
            "Kuznetsova",
            NAME);
    for (String id : orders) {
      for (String t : tracesOf(id)) {
        String json = Spans.traceJson(jaeger.queryUrl(), t);
        assertThat(json).isNotEmpty();
        for (int i = 0; i < pii.size(); i++) {
          // named by index: a failure must not print PII into the build log
          assertThat(json.contains(pii.get(i)))
              .as("trace of order %s contains PII sample #%d", id, i)
              .isFalse();
        }
      }
    }
  }
}
