/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderJourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_795_946_400_000_000L; // 2026-11-29T10:00:00Z in microseconds

  private static String span(
      String id, String name, long offsetMs, String process, String tags, String logs) {
    return """
        {"spanID":"%s","operationName":"%s","startTime":%d,"duration":5000,"processID":"%s","tags":[%s],"logs":[%s]}"""
        .formatted(id, name, T0 + offsetMs * 1000, process, tags, logs);
  }

  private static String tag(String key, String value) {
    return "{\"key\":\"%s\",\"type\":\"string\",\"value\":\"%s\"}".formatted(key, value);
  }

  private static JsonNode trace(String traceId, String... spans) throws Exception {
    return JSON.readTree(
        """
        {"traceID":"%s","spans":[%s],"processes":{"p1":{"serviceName":"shop-api"},"p2":{"serviceName":"crm-api"},"p3":{"serviceName":"mes-api"}}}"""
            .formatted(traceId, String.join(",", spans)));
  }

  @Test
  void stagesInTimeOrderWithServiceAndFirstFailureFromTheExceptionEvent() throws Exception {
    JsonNode placed =
        trace("a1", span("s1", "POST /api/orders", 0, "p1", tag("order.stage", "created"), ""));
    JsonNode approved =
        trace(
            "b2",
            span(
                "s2",
                "POST /crm/orders/{id}/approve",
                60_000,
                "p2",
                tag("order.stage", "approved"),
                ""),
            span(
                "s3",
                "order.approved process",
                60_100,
                "p3",
                tag("order.stage.failed", "in_production")
                    + ",{\"key\":\"error\",\"type\":\"bool\",\"value\":true}",
                "{\"timestamp\":1,\"fields\":["
                    + tag("event", "exception")
                    + ","
                    + tag("exception.type", "java.sql.SQLTimeoutException")
                    + ","
                    + tag(
                        "exception.message",
                        "timeout for jane@example.com card 4111 1111 1111 1111")
                    + "]}"),
            span(
                "s4",
                "retry",
                61_000,
                "p3",
                "{\"key\":\"otel.status_code\",\"type\":\"string\",\"value\":\"ERROR\"}",
                ""));

    // given in reverse order: the journey sorts by time
    OrderJourney journey = OrderJourney.of(List.of(approved, placed));

    assertThat(journey.stages())
        .extracting(
            OrderJourney.Stage::name, OrderJourney.Stage::service, OrderJourney.Stage::failed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("created", "shop-api", false),
            org.assertj.core.groups.Tuple.tuple("approved", "crm-api", false),
            org.assertj.core.groups.Tuple.tuple("in_production", "mes-api", true));
    assertThat(journey.stages().get(0).time()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    OrderJourney.Failure failure = journey.firstFailure().orElseThrow();
    assertThat(failure.service()).isEqualTo("mes-api");
    assertThat(failure.spanName()).isEqualTo("order.approved process");
    assertThat(failure.exceptionType()).isEqualTo("java.sql.SQLTimeoutException");
    assertThat(failure.message()).isEqualTo("timeout for <email> card <number>");
    assertThat(failure.stage()).isEqualTo("in_production");
    assertThat(failure.traceId()).endsWith("b2").hasSize(32);
    assertThat(journey.lastActivity()).contains(Instant.parse("2026-11-29T10:01:01.005Z"));
    assertThat(journey.finished()).isFalse();
  }

  @Test
  void aFailureTaggedOnTheSpanItselfWinsOverTheEvent() throws Exception {
    JsonNode failed =
        trace(
            "c3",
            span(
                "s1",
                "charge",
                0,
                "p2",
                "{\"key\":\"error\",\"type\":\"bool\",\"value\":true},"
                    + tag("exception.type", "PaymentDeclined")
                    + ","
                    + tag("exception.message", "declined\\nretry later"),
                ""));
    OrderJourney.Failure failure = OrderJourney.of(List.of(failed)).firstFailure().orElseThrow();
    assertThat(failure.exceptionType()).isEqualTo("PaymentDeclined");
    assertThat(failure.message()).isEqualTo("declined retry later");
  }

  @ParameterizedTest
  @CsvSource({
    "shipped,true",
    "delivered,true",
    "completed,true",
    "cancelled,true",
    "approved,false",
    "in_production,false"
  })
  void onlyFinalStagesFinishAnOrder(String lastStage, boolean finished) throws Exception {
    OrderJourney journey =
        OrderJourney.of(
            List.of(
                trace(
                    "d4",
                    span("s1", "a", 0, "p1", tag("order.stage", "created"), ""),
                    span("s2", "b", 10, "p2", tag("order.stage", lastStage), ""))));
    assertThat(journey.finished()).isEqualTo(finished);
    assertThat(journey.firstFailure()).isEmpty();
  }

  @Test
  void aFinalStageThatFailedDoesNotFinishTheOrder() throws Exception {
    OrderJourney journey =
        OrderJourney.of(
            List.of(
                trace(
                    "e5", span("s1", "ship", 0, "p3", tag("order.stage.failed", "shipped"), ""))));
    assertThat(journey.finished()).isFalse();
    assertThat(journey.firstFailure())
        .hasValueSatisfying(f -> assertThat(f.stage()).isEqualTo("shipped"));
  }

  @Test
  void noTracesNoJourney() {
    OrderJourney journey = OrderJourney.of(List.of());
    assertThat(journey.stages()).isEmpty();
    assertThat(journey.lastActivity()).isEmpty();
    assertThat(journey.finished()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Authorization: Bearer abc.def | Authorization: Bearer <redacted>",
        "call +49 170 1234567 now | call <number> now",
        "order A-10043 not found | order A-10043 not found",
        "deadline 2026-11-29 10:00 passed | deadline 2026-11-29 10:00 passed",
        "IBAN DE89 3704 0044 0532 0130 00 | IBAN DE<number>",
        "account 12345678 locked | account <number> locked",
      })
  void messagesAreMaskedAgain(String message, String expected) {
    assertThat(OrderJourney.redact(message)).isEqualTo(expected);
  }

  @Test
  void longMessagesAreCut() {
    assertThat(OrderJourney.redact("x".repeat(500)))
        .hasSize(OrderJourney.MAX_MESSAGE)
        .endsWith("...");
  }
}
