package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceQlGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{ span.order.id = \"100042\" }",
      "{span.order.id=\"100042\"}",
      "{ .order.id = \"IT-1a2b.c:d_e-f\" }",
      "{ span.order.id = `100042` }",
      "{ span.order.id = \"100042\" && status = error }",
      "{ resource.service.name = \"mes-api\" && span.order.id = \"100042\" }",
      "{ span.order.id = \"100042\" && duration > 1.5s && span.order.stage != \"shipped\" }",
      "{ span.order.id = \"100042\" && span:kind = server && span.http.status_code >= 500 }",
      // the Order lookup dashboard's panels: a projection of the order's own spans
      "{ span.order.id = \"100042\" && span.order.stage != nil } | select(span.order.stage, resource.service.name, status)",
      "{ span.order.id = \"100042\" && status = error } | select(statusMessage, resource.service.name, name)",
      "{ span.order.id = \"100042\" }|select(span.user.id)",
  })
  void supportMayRun(String query) throws Exception {
    assertThat(TraceQlGuard.orderConstraintViolation(query)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ }",
      "{ span.user.id = \"u1\" }",
      "{ status = error }",
      "{ span.order.id != \"100042\" }",
      "{ span.order.id =~ \"1.*\" }",
      "{ span.order.id = \"100042\" && span.user.id =~ \".*\" }",
      "{ span.order.id !~ \"x\" }",
      "{ span.order.id = \"100042\" || status = error }",
      "{ span.order.id = \"100042\" } || { status = error }",
      "{ span.order.id = \"100042\" } && { status = error }",
      "{ span.order.id = \"100042\" } >> { }",
      "{ span.order.id = \"100042\" } | count() > 1",
      "{ span.order.id = \"100042\" } | select(span.user.id) | count() > 1",
      "{ span.order.id = \"100042\" } | select()",
      "{ span.order.id = \"100042\" } | select(span.user.id,)",
      "{ span.order.id = \"100042\" } | select(span.user.id span.x)",
      "{ span.order.id = \"100042\" } | by(span.user.id)",
      "{ span.order.id = \"100042\" } | select(span.user.id) >> { }",
      "{ span.order.id = \"100042\" } | rate()",
      "{ (span.order.id = \"100042\") }",
      "{ !(span.order.id = \"x\") && span.order.id = \"100042\" }",
      "{ span.order.id = \"\" }",
      "{ span.order.id = \"a b\" }",
      "{ span.order.id = \"x\\\" || true\" }",
      "{ span.order.id = \"" + "0123456789012345678901234567890123456789012345678901234567890123456789" + "\" }",
      "{ span.order.id = 100042 }",
      "{ span.order.id = span.user.id }",
      "{ span.order.id = \"100042\" && }",
      "{ span.order.id }",
      "{ span.other.order.id = \"100042\" }",
  })
  void supportMayNotRun(String query) throws Exception {
    assertThat(TraceQlGuard.orderConstraintViolation(query)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ }",
      "{ span.user.id = \"u1\" || status = error }",
      "{ span.http.url =~ \".*orders.*\" }",
      "{ resource.service.name = \"crm-api\" } >> { resource.service.name = \"mes-api\" }",
      "{ status = error } | rate() by (resource.service.name)",
      "{ } | quantile_over_time(duration, .99)",
      "{ span.order.id = \"a}{\" }",
      "({ a = 1 } && { b = 2 })",
  })
  void wellFormed(String query) throws Exception {
    assertThat(TraceQlGuard.checkSyntax(query)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ span.order.id = \"1\" ",
      "}}}",
      "{ span.order.id = \"1 }",
      "{ (a = 1 }",
      "{ a = 1 })",
      "hello world",
      "",
      "   ",
      "{ a = 1 } ; drop",
      "{ a = `x }",
  })
  void malformed(String query) {
    assertThatThrownBy(() -> TraceQlGuard.checkSyntax(query)).isInstanceOf(MalformedTraceQlException.class);
    assertThatThrownBy(() -> TraceQlGuard.orderConstraintViolation(query))
        .isInstanceOf(MalformedTraceQlException.class);
  }

  @org.junit.jupiter.api.Test
  void messagesSayWhere() {
    assertThatThrownBy(() -> TraceQlGuard.checkSyntax("{ span.order.id = \"1\" "))
        .hasMessage("'{' at position 0 is never closed");
    assertThatThrownBy(() -> TraceQlGuard.checkSyntax("}}}"))
        .hasMessage("unexpected '}' at position 0");
  }
}
