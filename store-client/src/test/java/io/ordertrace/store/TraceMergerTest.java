/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMergerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What /api/traces?service=shop-api answers: shop-api is p1. */
  private static final String FROM_SHOP =
      """
      [{"traceID":"aaa","spans":[
        {"traceID":"aaa","spanID":"s1","operationName":"POST /api/orders","startTime":2000,"duration":50,"processID":"p1","tags":[]},
        {"traceID":"aaa","spanID":"s2","operationName":"POST /crm/orders","startTime":2010,"duration":20,"processID":"p2","tags":[]}],
        "processes":{"p1":{"serviceName":"shop-api","tags":[]},"p2":{"serviceName":"crm-api","tags":[]}}}]
      """;

  /** The same trace from ?service=crm-api, numbered the other way round, plus a later span. */
  private static final String FROM_CRM =
      """
      [{"traceID":"aaa","spans":[
        {"traceID":"aaa","spanID":"s2","operationName":"POST /crm/orders","startTime":2010,"duration":20,"processID":"p1","tags":[]},
        {"traceID":"aaa","spanID":"s1","operationName":"POST /api/orders","startTime":2000,"duration":50,"processID":"p2","tags":[]},
        {"traceID":"aaa","spanID":"s3","operationName":"publish","startTime":2020,"duration":5,"processID":"p3","tags":[]}],
        "processes":{"p1":{"serviceName":"crm-api","tags":[]},"p2":{"serviceName":"shop-api","tags":[]},"p3":{"serviceName":"crm-api","tags":[{"key":"host.name","type":"string","value":"b"}]}}},
       {"traceID":"0bbb","spans":[
        {"traceID":"0bbb","spanID":"t1","operationName":"consume","startTime":1000,"duration":5,"processID":"p1","tags":[]}],
        "processes":{"p1":{"serviceName":"crm-api","tags":[]}}}]
      """;

  @Test
  void theSameTraceFromTwoServicesBecomesOneWithSpansUnionedAndProcessesRemapped()
      throws Exception {
    ArrayNode traces = merged(FROM_SHOP, FROM_CRM);

    assertThat(traces).hasSize(2);
    // oldest first: 0bbb started at 1000, aaa at 2000; ids padded to 32 hex digits
    assertThat(traces.get(0).get("traceID").asText()).isEqualTo("0".repeat(28) + "0bbb");
    JsonNode merged = traces.get(1);
    assertThat(merged.get("traceID").asText()).isEqualTo("0".repeat(29) + "aaa");
    assertThat(spanIds(merged)).containsExactly("s1", "s2", "s3");
    assertThat(serviceOf(merged, "s1")).isEqualTo("shop-api");
    assertThat(serviceOf(merged, "s2")).isEqualTo("crm-api");
    assertThat(serviceOf(merged, "s3")).isEqualTo("crm-api");
    // crm-api on host b is a different process: kept apart under a fresh id
    assertThat(merged.get("processes").size()).isEqualTo(3);
    assertThat(
            merged
                .get("processes")
                .get(merged.get("spans").get(2).get("processID").asText())
                .get("tags")
                .get(0)
                .get("value")
                .asText())
        .isEqualTo("b");
  }

  @Test
  void mergingIsIdempotent() throws Exception {
    ArrayNode traces = merged(FROM_SHOP, FROM_SHOP);
    assertThat(traces).hasSize(1);
    assertThat(spanIds(traces.get(0))).containsExactly("s1", "s2");
    assertThat(traces.get(0).get("processes").size()).isEqualTo(2);
  }

  /** The merged result of Jaeger's answers, in the order they arrived. */
  private static ArrayNode merged(String... answers) throws Exception {
    TraceMerger merger = new TraceMerger();
    for (String answer : answers) {
      merger.addAll(JSON.readTree(answer));
    }
    return merger.result();
  }

  private static List<String> spanIds(JsonNode trace) {
    List<String> ids = new ArrayList<>();
    trace.get("spans").forEach(span -> ids.add(span.get("spanID").asText()));
    return ids;
  }

  private static String serviceOf(JsonNode trace, String spanId) {
    for (JsonNode span : trace.get("spans")) {
      if (span.get("spanID").asText().equals(spanId)) {
        return JaegerSpans.service(trace, span);
      }
    }
    throw new AssertionError(spanId);
  }
}
