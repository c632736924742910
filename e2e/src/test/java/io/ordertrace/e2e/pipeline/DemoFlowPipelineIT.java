package io.ordertrace.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.demo.e2e.DemoStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole chain (U1, S5): demo services with the one-jar agent -> gateway collector -> Tempo.
 * Support's query `{ span.order.id = "<id>" }` finds the order's traces, and nothing of the
 * customer's personal data is in them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFlowPipelineIT {
  private static final String NAME = "Svetlana Kuznetsova";
  private static final String EMAIL = "svetlana.kuznetsova@example.ru";
  private static final String PHONE = "+7 (916) 555-12-34";
  private static final String STREET = "Tverskaya ulitsa 13";

  private PipelineProcesses processes;
  private PipelineProcesses.Tempo tempo;
  private DemoStack stack;
  private final List<String> orders = new ArrayList<>();

  @BeforeAll
  void runOrders() throws Exception {
    processes = new PipelineProcesses("DemoFlowPipelineIT");
    tempo = processes.tempo("tempo");
    PipelineProcesses.Collector collector = processes.gateway("otelcol", tempo);
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent, built by the agent-extension module").exists();
    stack = DemoStack.builder()
        .name("DemoFlowPipelineIT")
        .tracedJvmArgs(PipelineProcesses.agentJvmArgs(agent, collector))
        .start();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> created =
          PipelineProcesses.post(stack.url("shop-api") + "/api/orders", PipelineProcesses.orderJson(NAME, EMAIL, PHONE, STREET));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = created.headers().firstValue("X-Order-Id").orElseThrow();
      orders.add(id);
      assertThat(PipelineProcesses.post(stack.url("crm-api") + "/crm/orders/" + id + "/approve", null).statusCode()).isEqualTo(200);
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

  /** The order's traces per TraceQL, once creation and approval (>= 2 traces) are searchable. */
  private Set<String> tracesOf(String orderId) {
    long deadline = System.nanoTime() + 90_000_000_000L;
    Set<String> ids = Set.of();
    while (System.nanoTime() < deadline) {
      ids = Spans.search(tempo.url(), "{ span.order.id = \"" + orderId + "\" }");
      if (ids.size() >= 2) {
        return ids;
      }
      PipelineProcesses.sleep(1000);
    }
    return ids;
  }

  @Test
  void supportFindsEveryOrdersTracesByOrderIdInTempo() {
    for (String id : orders) {
      Set<String> traces = tracesOf(id);
      assertThat(traces).as("traces of order " + id + " (creation, approval)").hasSizeGreaterThanOrEqualTo(2);
      for (String t : traces) {
        assertThat(Spans.trace(tempo.url(), t)).anySatisfy(s -> assertThat(Spans.attribute(s, "order.id")).isEqualTo(id));
      }
    }
  }

  @Test
  void noPersonalDataOfTheOrdersIsInTempo() {
    List<String> pii = List.of(EMAIL, "svetlana.kuznetsova%40example.ru", "916) 555-12-34", "9165551234", STREET, "Kuznetsova", NAME);
    for (String id : orders) {
      for (String t : tracesOf(id)) {
        String json = Spans.traceJson(tempo.url(), t);
        assertThat(json).isNotEmpty();
        for (int i = 0; i < pii.size(); i++) {
          // named by index: a failure must not print PII into the build log
          assertThat(json.contains(pii.get(i))).as("trace of order %s contains PII sample #%d", id, i).isFalse();
        }
      }
    }
  }
}
