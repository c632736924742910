package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OtlpTraceParserTest {

  @Test
  void readsTempoV1ShapeWithBase64Ids() {
    Trace trace = Fixtures.traceV1();

    assertThat(trace.spans()).hasSize(7);
    TraceSpan root = trace.root().orElseThrow();
    assertThat(root.spanId()).isEqualTo("a000000000000001");
    assertThat(root.service()).isEqualTo("shop-api");
    assertThat(root.kind()).isEqualTo("SERVER");
    assertThat(root.startNanos()).isEqualTo(Fixtures.T0);
    assertThat(root.orderId()).isEqualTo("O-1001");
    assertThat(root.stage()).isEqualTo("created");
    assertThat(trace.services()).containsExactly("shop-api", "crm-api", "mes-api");
    assertThat(trace.stages()).containsExactly("created", "approved", "in_production");
    assertThat(trace.errors()).singleElement().satisfies(span -> {
      assertThat(span.name()).isEqualTo("order.approved process");
      assertThat(span.exceptionType()).isEqualTo("java.sql.SQLException");
      assertThat(span.parentSpanId()).isEqualTo("e000000000000005");
    });
    assertThat(trace.durationNanos()).isEqualTo(100_000_000L);
  }

  @Test
  void readsV2ShapeWithHexIdsAndNumericEnums() {
    Trace trace = Fixtures.traceV2();

    assertThat(trace.spans()).hasSize(2);
    assertThat(trace.spans().get(1).parentSpanId()).isEqualTo("2000000000000001");
    assertThat(trace.spans().get(1).kind()).isEqualTo("CLIENT");
    assertThat(trace.errors()).isEmpty();
  }

  @Test
  void emptyTraceOfV2IsEmpty() {
    assertThat(OtlpTraceParser.parse("ab", "{\"trace\":{},\"metrics\":{}}").isEmpty()).isTrue();
  }

  @Test
  void missingServiceName() {
    Trace trace =
        OtlpTraceParser.parse(
            "ab",
            "{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"spans\":[{\"spanId\":\"0102030405060708\",\"name\":\"x\"}]}]}]}");

    assertThat(trace.spans().get(0).service()).isEqualTo("unknown_service");
  }

  @Test
  void notJson() {
    assertThatThrownBy(() -> OtlpTraceParser.parse("ab", "<html>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
