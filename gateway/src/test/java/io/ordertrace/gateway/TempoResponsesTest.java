package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TempoResponsesTest {

  @Test
  void findsAnOrderIdAttribute() {
    assertThat(TempoResponses.hasOrderId(
        "{\"batches\":[{\"attributes\":[{\"key\":\"order.id\",\"value\":{\"stringValue\":\"100042\"}}]}]}"))
        .isTrue();
    assertThat(TempoResponses.hasOrderId(
        "{\"trace\":{\"resourceSpans\":[{ \"key\" : \"order.id\" , \"value\" : { \"stringValue\" : \"1\" } }]}}"))
        .isTrue();
  }

  @Test
  void isNotFooledByTextInsideStringsOrEmptyValues() {
    assertThat(TempoResponses.hasOrderId(
        "{\"name\":\"x\\\",\\\"key\\\":\\\"order.id\\\",\\\"value\\\":{\\\"stringValue\\\":\\\"1\\\"}\"}"))
        .isFalse();
    assertThat(TempoResponses.hasOrderId("{\"key\":\"order.id\",\"value\":{\"stringValue\":\"\"}}")).isFalse();
    assertThat(TempoResponses.hasOrderId("{\"key\":\"order.idx\",\"value\":{\"stringValue\":\"1\"}}")).isFalse();
    assertThat(TempoResponses.hasOrderId("{\"key\":\"user.id\",\"value\":{\"stringValue\":\"1\"}}")).isFalse();
  }

  @Test
  void countsSearchResults() {
    assertThat(TempoResponses.searchResultCount("{\"traces\":[],\"metrics\":{}}")).isZero();
    assertThat(TempoResponses.searchResultCount(
        "{\"traces\":[{\"traceID\":\"a\",\"rootServiceName\":\"traceID\"},{\"traceID\":\"b\"}]}"))
        .isEqualTo(2);
  }

  @Test
  void auditLinesEscapeWhatCallersSend() {
    AuditEntry entry = new AuditEntry();
    entry.user = "eve\"},\"decision\":\"allowed";
    entry.query = "{ span.order.id = \"1\" }\n";
    entry.status = 403;

    String line = entry.toJson();

    assertThat(line).contains("\"user\":\"eve\\\"},\\\"decision\\\":\\\"allowed\"")
        .contains("\"query\":\"{ span.order.id = \\\"1\\\" }\\n\"")
        .contains("\"decision\":\"denied\"")
        .doesNotContain("\n");
  }
}
