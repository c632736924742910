package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceQlTest {

  @Test
  void queryForAnOrder() {
    assertThat(TraceQl.spansOfOrder("O-1001")).isEqualTo("{ span.order.id = \"O-1001\" }");
  }

  @Test
  void quotesEscapeEverythingThatCouldEndTheLiteral() {
    assertThat(TraceQl.quote("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(TraceQl.quote("a\\")).isEqualTo("\"a\\\\\"");
    assertThat(TraceQl.quote("\" } || { true")).isEqualTo("\"\\\" } || { true\"");
    assertThat(TraceQl.quote("a\nb\tc\u0001")).isEqualTo("\"a\\nb\\tc\\u0001\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"O-1001", "a", "ord_1.2:3", "0123456789012345678901234567890123456789012345678901234567890123"})
  void acceptsTheAgentsIdCharset(String id) {
    assertThat(OrderIds.validate(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a\"b", "jane@example.com", "ä", "a/b",
      "01234567890123456789012345678901234567890123456789012345678901234"})
  void refusesOtherIdsWithoutEchoingThem(String id) {
    assertThatThrownBy(() -> OrderIds.validate(id))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("invalid order id")
        .satisfies(e -> {
          if (!id.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(id);
          }
        });
  }
}
