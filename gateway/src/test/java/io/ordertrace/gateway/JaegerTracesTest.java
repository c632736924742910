/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order.id decisions are made on parsed JSON: text that merely looks like a tag does not count.
 */
class JaegerTracesTest {

  private static ArrayNode data(String json) throws Exception {
    return JaegerTraces.data(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static String trace(String id, long start, String tags) {
    return "{'traceID':'"
        + id
        + "','spans':[{'spanID':'1','startTime':"
        + start
        + ",'tags':["
        + tags
        + "]}],"
        + "'processes':{}}";
  }

  @Test
  void aSpanTagOrderIdWithAValueCounts() throws Exception {
    JsonNode trace =
        data("{'data':["
                + trace("a1", 1, "{'key':'order.id','type':'string','value':'100042'}")
                + "]}")
            .get(0);

    assertThat(JaegerTraces.hasOrderId(trace)).isTrue();
    assertThat(JaegerTraces.hasOrderId(trace, "100042")).isTrue();
    assertThat(JaegerTraces.hasOrderId(trace, "10004")).isFalse();
  }

  @Test
  void lookalikesDoNotCount() throws Exception {
    ArrayNode traces =
        data(
            "{'data':["
                + trace(
                    "b1",
                    1,
                    "{'key':'note','type':'string','value':'{\\'key\\':\\'order.id\\',\\'value\\':\\'1\\'}'}")
                + ","
                + trace("b2", 1, "{'key':'order.id','type':'string','value':''}")
                + ","
                + trace("b3", 1, "{'key':'order.id','type':'int64','value':42}")
                + ","
                + trace("b4", 1, "{'key':'user.id','type':'string','value':'order.id'}")
                + "]}");

    for (JsonNode trace : traces) {
      assertThat(JaegerTraces.hasOrderId(trace)).as(trace.toString()).isFalse();
    }
  }

  @Test
  void mergeKeepsEachTraceOnceFiltersSortsAndCaps() throws Exception {
    String order = "{'key':'order.id','type':'string','value':'A'}";
    ArrayNode first =
        data("{'data':[" + trace("t3", 30, order) + "," + trace("t1", 10, order) + "]}");
    ArrayNode second =
        data(
            "{'data':["
                + trace("t1", 10, order)
                + ","
                + trace("t2", 20, order)
                + ","
                + trace("x9", 5, "{'key':'order.id','type':'string','value':'B'}")
                + "]}");

    List<JsonNode> merged =
        JaegerTraces.merge(List.of(first, second), trace -> JaegerTraces.hasOrderId(trace, "A"), 2);

    assertThat(merged)
        .extracting(trace -> trace.get("traceID").asText())
        .containsExactly("t1", "t2");
  }

  @Test
  void anAnswerThatIsNotJaegersJsonIsMalformed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> data("<html>"))
        .isInstanceOf(JaegerTraces.MalformedAnswerException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> data("{'data':{}}"))
        .isInstanceOf(JaegerTraces.MalformedAnswerException.class);
  }
}
