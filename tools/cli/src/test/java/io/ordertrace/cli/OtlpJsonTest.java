/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  @Test
  void otlpBecomesJaegerJsonWithProcessesReferencesTagsAndLogs() {
    List<JsonNode> traces = Fixtures.jaeger(Fixtures.TRACE_1);

    assertThat(traces).hasSize(1);
    JsonNode trace = traces.get(0);
    assertThat(trace.get("traceID").asText()).isEqualTo(Fixtures.TRACE_1_ID);
    assertThat(trace.get("processes").size()).isEqualTo(3);
    JsonNode root = trace.get("spans").get(0);
    assertThat(root.get("operationName").asText()).isEqualTo("POST /api/orders");
    assertThat(root.get("startTime").asLong()).isEqualTo(Fixtures.T0 / 1000);
    assertThat(root.get("duration").asLong()).isEqualTo(100_000);
    assertThat(root.get("references")).isEmpty();
    assertThat(JaegerTraces.tag(root, "span.kind")).isEqualTo("server");
    assertThat(
            trace.get("processes").get(root.get("processID").asText()).get("serviceName").asText())
        .isEqualTo("shop-api");

    JsonNode failed = null;
    for (JsonNode span : trace.get("spans")) {
      if (span.get("operationName").asText().equals("order.approved process")) {
        failed = span;
      }
    }
    assertThat(failed).isNotNull();
    assertThat(JaegerTraces.tag(failed, "error")).isEqualTo("true");
    assertThat(JaegerTraces.tag(failed, "otel.status_code")).isEqualTo("ERROR");
    assertThat(failed.get("references").get(0).get("refType").asText()).isEqualTo("CHILD_OF");
    assertThat(failed.get("logs").get(0).get("fields").get(0).get("value").asText())
        .isEqualTo("exception");
  }

  @Test
  void hexIdsAndNumericEnumsReadTheSame() {
    Trace trace = Fixtures.trace2();
    assertThat(trace.traceId()).isEqualTo(Fixtures.TRACE_2_ID);
    assertThat(trace.spans().get(0).kind()).isEqualTo("SERVER");
    assertThat(trace.spans().get(0).service()).isEqualTo("mes-api");
  }

  @Test
  void theFilterKeepsOnlyTheOrdersSpansAndTheSameSpanTwiceIsKeptOnce() {
    OtlpJson otlp = new OtlpJson(OtlpJson.attributeEquals("order.id", "nobody"));
    otlp.add(Fixtures.read(Fixtures.TRACE_1));
    assertThat(otlp.traces()).isEmpty();

    OtlpJson twice = new OtlpJson(OtlpJson.attributeEquals("order.id", "O-1001"));
    twice.add(Fixtures.read(Fixtures.TRACE_1));
    twice.add(Fixtures.read(Fixtures.TRACE_1)); // an exporter retry wrote the batch twice
    assertThat(twice.traces())
        .singleElement()
        .satisfies(
            trace ->
                assertThat(trace.get("spans").size()).isEqualTo(Fixtures.trace1().spans().size()));
  }
}
