/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrace.e2e.demo.DemoStack;
import io.ordertrace.testing.Closeables;
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
          PipelineProcesses.post(stack.url("shop-api") + "/api/orders", DemoCustomer.orderJson());
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
  void stop() throws Exception {
    Closeables.closeAll(stack, processes);
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
    for (String id : orders) {
      for (String t : tracesOf(id)) {
        String json = Spans.traceJson(jaeger.queryUrl(), t);
        assertThat(json).isNotEmpty();
        DemoCustomer.assertNoPersonalData(json, "trace of order " + id);
      }
    }
  }
}
