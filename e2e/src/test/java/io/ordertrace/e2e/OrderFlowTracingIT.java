/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e;

import static io.ordertrace.e2e.pipeline.PipelineProcesses.get;
import static io.ordertrace.e2e.pipeline.PipelineProcesses.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.ordertrace.e2e.demo.DemoStack;
import io.ordertrace.e2e.pipeline.DemoCustomer;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.OtlpReceiver;
import io.ordertrace.testing.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo order flow with the one-jar agent on every service (requirements C1-C5, D1-D5): orders
 * are placed through the public Shop API with a customer's PII, approved in CRM (payment provider,
 * RabbitMQ), produced by the legacy MES (MES DB, Calculation Service, 3D file store) and shipped.
 * Faults are keyed on the last digit of the order id, as in the demo's FaultInjectionIT ({@code
 * DemoStack.faultsByLastDigit}): 1 CRM 500, 2 MES nack, 3 MES drop with an exception, 4 MES DB
 * timeout, 5 slow calculation, 6 MES acks and silently drops.
 *
 * <p>The order data of issue 11 (D2-D7, C2): every span of every trace of an order names it, the
 * creating trace included; failed steps say {@code order.stage.failed}, never {@code order.stage};
 * JDK HttpServer spans have routes; RabbitMQ outcomes are attributes; log lines name the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderFlowTracingIT {

  private static final int SLOW_MS = 1500;
  private static final Duration WAIT = Duration.ofMinutes(3);

  private OtlpReceiver receiver;
  private DemoStack stack;

  /** last digit of the order id -> order id. 0 is the healthy order. */
  private final Map<Character, String> orders = new LinkedHashMap<>();

  private final Map<Character, Integer> approvals = new LinkedHashMap<>();

  @BeforeAll
  void runTheFlow() throws Exception {
    receiver = new OtlpReceiver();
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent, built by the agent-extension module").exists();
    stack =
        DemoStack.builder()
            .name("OrderFlowTracingIT")
            .tracedJvmArgs(
                List.of(
                    "-javaagent:" + agent,
                    "-Dotel.exporter.otlp.protocol=http/protobuf",
                    "-Dotel.exporter.otlp.traces.endpoint=" + receiver.tracesEndpoint(),
                    "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none",
                    "-Dotel.bsp.schedule.delay=200"))
            .faultsByLastDigit(SLOW_MS)
            // six JVMs with the agent on a shared two-core machine start slowly
            .startTimeout(Duration.ofMinutes(30))
            .start();

    Set<Character> wanted = new HashSet<>(Set.of('0', '1', '2', '3', '4', '5', '6'));
    for (int i = 0; i < 30 && !wanted.isEmpty(); i++) {
      HttpResponse<String> created =
          post(stack.url("shop-api") + "/api/orders", DemoCustomer.orderJson());
      assertThat(created.statusCode()).as("order placed").isEqualTo(201);
      String id = created.headers().firstValue("X-Order-Id").orElseThrow();
      if (wanted.remove(id.charAt(id.length() - 1))) {
        orders.put(id.charAt(id.length() - 1), id);
      }
    }
    assertThat(wanted).as("order ids ending in these digits were never issued").isEmpty();
    for (Map.Entry<Character, String> order : orders.entrySet()) {
      approvals.put(
          order.getKey(),
          post(stack.url("crm-api") + "/crm/orders/" + order.getValue() + "/approve", null)
              .statusCode());
    }
    for (char healthy : new char[] {'0', '5'}) {
      String id = orders.get(healthy);
      awaitTrue(
          () -> get(stack.url("mes-api") + "/mes/orders/" + id).body().contains("in_production"),
          "order " + id + " in production");
      assertThat(post(stack.url("mes-api") + "/mes/orders/" + id + "/ship", null).statusCode())
          .isEqualTo(200);
    }
    // the faulty orders reach their end state before the traces are read
    awaitTrue(
        () ->
            get(stack.url("mes-api") + "/mes/orders/" + orders.get('4')).body().contains("failed"),
        "DB timeout recorded");
    awaitSpans(
        spans ->
            orders.values().stream()
                    .allMatch(
                        id ->
                            ofOrder(spans, id).stream()
                                .anyMatch(
                                    is("crm-api", SpanKind.SPAN_KIND_SERVER)
                                        .and(s -> s.span().getName().contains("approve"))))
                && ofOrder(spans, orders.get('6')).stream()
                    .anyMatch(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
                && ofOrder(spans, orders.get('2')).stream()
                        .filter(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
                        .count()
                    >= 2
                && ofOrder(spans, orders.get('5')).stream()
                    .anyMatch(s -> "shipped".equals(s.attribute("order.stage"))),
        "every order's approval and MES processing exported");
    Files.writeString(
        Path.of("target", "order-flow-spans.txt"),
        OtlpReceiver.describe(receiver.spans()),
        StandardCharsets.UTF_8);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    org.awaitility.Awaitility.await(what)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(condition::getAsBoolean);
  }

  // ---------------------------------------------------------------- trace helpers

  private static Predicate<ReceivedSpan> is(String service, SpanKind kind) {
    return s -> s.service().equals(service) && s.span().getKind() == kind;
  }

  private List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, String what)
      throws InterruptedException {
    return receiver.await(condition, WAIT, what);
  }

  private static List<ReceivedSpan> ofOrder(List<ReceivedSpan> spans, String orderId) {
    return spans.stream()
        .filter(s -> orderId.equals(s.attribute("order.id")))
        .collect(Collectors.toList());
  }

  private static List<ReceivedSpan> trace(List<ReceivedSpan> spans, String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
  }

  private static ReceivedSpan one(
      List<ReceivedSpan> spans, Predicate<ReceivedSpan> filter, String what) {
    return spans.stream()
        .filter(filter)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + what + " among:" + OtlpReceiver.describe(spans)));
  }

  /** The Shop API span of the request that created the order. */
  private static ReceivedSpan creatingSpan(List<ReceivedSpan> spans, String orderId) {
    return one(
        ofOrder(spans, orderId),
        is("shop-api", SpanKind.SPAN_KIND_SERVER)
            .and(s -> "created".equals(s.attribute("order.stage"))),
        "shop-api POST /api/orders span");
  }

  private static long durationMillis(ReceivedSpan span) {
    return (span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano()) / 1_000_000;
  }

  /** The healthy order's spans, once the shipping request has been exported. */
  private List<ReceivedSpan> healthyOrder() throws InterruptedException {
    String id = orders.get('0');
    return awaitSpans(
        spans ->
            ofOrder(spans, id).stream().anyMatch(s -> "shipped".equals(s.attribute("order.stage")))
                && ofOrder(spans, id).stream().anyMatch(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
                && ofOrder(spans, id).stream().anyMatch(is("file-store", SpanKind.SPAN_KIND_SERVER))
                && ofOrder(spans, id).stream()
                    .anyMatch(is("calculation-service", SpanKind.SPAN_KIND_SERVER)),
        "the healthy order's spans through shipping");
  }

  // ---------------------------------------------------------------- the flow

  @Test
  void creatingRequestCrossesShopAndCrmAndBothServerSpansCarryTheNewOrder() throws Exception {
    String id = orders.get('0');
    List<ReceivedSpan> spans = healthyOrder();
    ReceivedSpan shop = creatingSpan(spans, id);
    List<ReceivedSpan> creation = trace(spans, shop.traceId());
    ReceivedSpan crm =
        one(
            creation,
            is("crm-api", SpanKind.SPAN_KIND_SERVER),
            "crm-api span in the creating trace");
    assertThat(crm.attribute("order.id")).as("from the CRM response").isEqualTo(id);
    assertThat(crm.attribute("caller.service.name")).isEqualTo("shop-api");
    assertThat(crm.attribute("order.stage")).isEqualTo("created");
    assertThat(shop.attribute("user.id")).isEqualTo("u-3003");
  }

  @Test
  void approvalPublishesToRabbitMqAndMesProcessesInTheSameTrace() throws Exception {
    String id = orders.get('0');
    List<ReceivedSpan> spans = healthyOrder();
    ReceivedSpan approve =
        one(
            ofOrder(spans, id),
            is("crm-api", SpanKind.SPAN_KIND_SERVER)
                .and(s -> "approved".equals(s.attribute("order.stage"))),
            "crm-api approve span");
    List<ReceivedSpan> trace = trace(spans, approve.traceId());
    ReceivedSpan publish = one(trace, is("crm-api", SpanKind.SPAN_KIND_PRODUCER), "publish span");
    assertThat(publish.attribute("messaging.destination.name")).startsWith("orders");
    assertThat(publish.attribute("messaging.rabbitmq.destination.routing_key"))
        .isEqualTo("order.approved");
    ReceivedSpan process =
        one(trace, is("mes-api", SpanKind.SPAN_KIND_CONSUMER), "MES process span");
    assertThat(process.attribute("caller.service.name")).isEqualTo("crm-api");
    assertThat(process.attribute("order.stage")).isEqualTo("in_production");
    assertThat(process.span().getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(trace)
        .as("the consumer's ack is recorded")
        .anySatisfy(
            s -> assertThat(s.service() + " " + s.span().getName()).isEqualTo("mes-api basic.ack"));

    assertThat(trace)
        .filteredOn(is("mes-api", SpanKind.SPAN_KIND_CLIENT))
        .as("MES -> MES DB, sanitized statements")
        .filteredOn(
            s ->
                "postgresql".equals(s.attribute("db.system.name"))
                    || "postgresql".equals(s.attribute("db.system")))
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(
                        String.valueOf(s.attribute("db.query.text")) + s.attribute("db.statement"))
                    .doesNotContain("'" + id + "'"));
    ReceivedSpan calc =
        one(
            trace,
            is("calculation-service", SpanKind.SPAN_KIND_SERVER),
            "Calculation Service span");
    assertThat(calc.attribute("caller.service.name")).isEqualTo("mes-api");
    ReceivedSpan upload =
        one(trace, is("file-store", SpanKind.SPAN_KIND_SERVER), "3D model upload span");
    assertThat(upload.attribute("caller.service.name")).isEqualTo("mes-api");
    assertThat(upload.attribute("http.request.method")).isEqualTo("PUT");
  }

  @Test
  void everySpanOfEveryTraceOfEveryOrderCarriesItsIdTheCreatingTraceIncluded() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    for (String id : orders.values()) {
      Set<String> traceIds =
          ofOrder(spans, id).stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
      String creatingTrace = creatingSpan(spans, id).traceId();
      assertThat(traceIds)
          .as("traces of order " + id)
          .contains(creatingTrace)
          .hasSizeGreaterThanOrEqualTo(2);
      for (String traceId : traceIds) {
        assertThat(trace(spans, traceId))
            .allSatisfy(
                s ->
                    assertThat(s.attribute("order.id"))
                        .as(s.service() + " " + s.span().getName())
                        .isEqualTo(id));
      }
      // the spans that ended before the CRM's sequence gave the id: the shop's call, the CRM's SQL
      List<ReceivedSpan> creation = trace(spans, creatingTrace);
      assertThat(creation).filteredOn(is("shop-api", SpanKind.SPAN_KIND_CLIENT)).isNotEmpty();
      assertThat(creation)
          .filteredOn(is("crm-api", SpanKind.SPAN_KIND_CLIENT))
          .as("CRM database spans")
          .isNotEmpty();
    }
  }

  @Test
  void aFailedStepSaysWhichStageFailedAndNeverClaimsIt() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    assertThat(spans)
        .filteredOn(s -> s.attribute("order.stage.failed") != null)
        .allSatisfy(
            s -> {
              assertThat(s.attribute("order.stage"))
                  .as(s.service() + " " + s.span().getName())
                  .isNull();
              assertThat(s.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
            });
    assertThat(spans)
        .filteredOn(s -> s.attribute("order.stage") != null)
        .allSatisfy(
            s ->
                assertThat(s.span().getStatus().getCode())
                    .as(s.service() + " " + s.span().getName())
                    .isNotEqualTo(StatusCode.STATUS_CODE_ERROR));
    // 1: CRM 500 on approve
    assertThat(ofOrder(spans, orders.get('1')))
        .filteredOn(is("crm-api", SpanKind.SPAN_KIND_SERVER))
        .anySatisfy(s -> assertThat(s.attribute("order.stage.failed")).isEqualTo("approved"))
        .noneSatisfy(s -> assertThat(s.attribute("order.stage")).isEqualTo("approved"));
    // 2 nack, 3 drop with an exception, 4 DB timeout, 6 silent drop: never in production
    for (char fault : new char[] {'2', '3', '4', '6'}) {
      List<ReceivedSpan> processing =
          ofOrder(spans, orders.get(fault)).stream()
              .filter(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
              .collect(Collectors.toList());
      assertThat(processing)
          .as("order ending in " + fault)
          .isNotEmpty()
          .allSatisfy(
              s -> {
                assertThat(s.attribute("order.stage.failed")).isEqualTo("in_production");
                assertThat(s.attribute("order.stage")).isNull();
              });
    }
    // and the healthy order reached every stage
    assertThat(ofOrder(spans, orders.get('0')))
        .extracting(s -> s.attribute("order.stage"))
        .contains("created", "approved", "in_production", "shipped");
  }

  @Test
  void aServerErrorRecordsTheExceptionTheFrameworkResolved() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    ReceivedSpan approve =
        one(
            ofOrder(spans, orders.get('1')),
            is("crm-api", SpanKind.SPAN_KIND_SERVER)
                .and(s -> s.attribute("order.stage.failed") != null),
            "failed approve span");
    assertThat(approve.span().getEventsList())
        .as("exception event on the server span")
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("exception");
              assertThat(e.getAttributesList())
                  .anySatisfy(
                      a -> {
                        assertThat(a.getKey()).isEqualTo("exception.type");
                        assertThat(a.getValue().getStringValue())
                            .endsWith("OrderProcessingException");
                      });
            });
  }

  @Test
  void noSpanIsNamedAfterAContextPathAndLegacyServersHaveRoutes() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    assertThat(spans)
        .extracting(s -> s.span().getName())
        .doesNotContain("GET /", "POST /", "PUT /");
    String id = orders.get('0');
    assertThat(ofOrder(spans, id))
        .extracting(s -> s.service() + " " + s.span().getName())
        .contains(
            "mes-api POST /mes/orders/{id}/ship",
            "calculation-service POST /calc/estimate",
            "file-store PUT /files/**",
            "shop-api POST crm-api",
            "mes-api POST calculation-service",
            "mes-api PUT file-store");
    assertThat(ofOrder(spans, id))
        .filteredOn(is("mes-api", SpanKind.SPAN_KIND_SERVER))
        .anySatisfy(s -> assertThat(s.attribute("http.route")).isEqualTo("/mes/orders/{id}/ship"));
  }

  @Test
  void mesProcessSpansCarryQueueRedeliveryAndSettlement() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    String queue = stack.setting("MES_QUEUE");
    List<ReceivedSpan> processing =
        spans.stream()
            .filter(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
            .filter(s -> s.attribute("order.id") != null)
            .collect(Collectors.toList());
    assertThat(processing)
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.attribute("messaging.destination.name")).isEqualTo(queue);
              assertThat(s.attribute("messaging.rabbitmq.exchange"))
                  .isEqualTo(stack.setting("ORDERS_EXCHANGE"));
              assertThat(s.attribute("messaging.rabbitmq.destination.routing_key"))
                  .isEqualTo("order.approved");
              assertThat(s.attribute("messaging.rabbitmq.redelivered"))
                  .isIn("bool_value: true\n", "bool_value: false\n");
              assertThat(s.attribute("messaging.rabbitmq.settlement"))
                  .isIn("ack", "nack", "reject");
            });
    assertThat(ofOrder(processing, orders.get('0')))
        .singleElement()
        .satisfies(s -> assertThat(s.attribute("messaging.rabbitmq.settlement")).isEqualTo("ack"));
    List<ReceivedSpan> nacked = ofOrder(processing, orders.get('2'));
    assertThat(nacked)
        .hasSize(2)
        .allSatisfy(
            s -> assertThat(s.attribute("messaging.rabbitmq.settlement")).isEqualTo("nack"));
    // the MES requeues on the first delivery and dead-letters the redelivery
    assertThat(nacked)
        .extracting(
            s ->
                "redelivered "
                    + s.attribute("messaging.rabbitmq.redelivered").trim()
                    + ", requeue "
                    + String.valueOf(s.attribute("messaging.rabbitmq.requeue")).trim())
        .containsExactlyInAnyOrder(
            "redelivered bool_value: false, requeue bool_value: true",
            "redelivered bool_value: true, requeue bool_value: false");
    assertThat(processing)
        .filteredOn(s -> "ack".equals(s.attribute("messaging.rabbitmq.settlement")))
        .as("an ack has no requeue flag")
        .allSatisfy(s -> assertThat(s.attribute("messaging.rabbitmq.requeue")).isNull());
  }

  @Test
  void publishSpansCarryTheBrokersConfirm() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    for (char digit : new char[] {'0', '2', '3', '4', '5', '6'}) {
      assertThat(ofOrder(spans, orders.get(digit)))
          .filteredOn(is("crm-api", SpanKind.SPAN_KIND_PRODUCER))
          .as("publish of order ending in " + digit)
          .isNotEmpty()
          .allSatisfy(
              s -> assertThat(s.attribute("messaging.rabbitmq.confirm")).isEqualTo("acked"));
    }
    assertThat(ofOrder(spans, orders.get('1')))
        .as("the failed approval published nothing")
        .filteredOn(is("crm-api", SpanKind.SPAN_KIND_PRODUCER))
        .isEmpty();
  }

  @Test
  void theSilentlyDroppedOrderIsFindableByAttribute() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    List<ReceivedSpan> dropped =
        spans.stream()
            .filter(s -> s.attribute("order.message.dropped") != null)
            .collect(Collectors.toList());
    // acked without any downstream step: the silent drop (6) and the drop that throws afterwards
    // (3)
    assertThat(dropped)
        .extracting(s -> s.attribute("order.id"))
        .contains(orders.get('6'))
        .allSatisfy(id -> assertThat(id).isIn(orders.get('6'), orders.get('3')));
    assertThat(ofOrder(dropped, orders.get('6')))
        .allSatisfy(
            s -> {
              assertThat(s.attribute("messaging.rabbitmq.settlement")).isEqualTo("ack");
              assertThat(s.attribute("order.stage.failed")).isEqualTo("in_production");
              assertThat(s.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
              assertThat(s.span().getEventsList())
                  .as("no exception: only the attribute tells")
                  .isEmpty();
            });
  }

  @Test
  void everyLogLineOfAnOrdersTracesNamesTheOrder() throws Exception {
    List<ReceivedSpan> spans = healthyOrder();
    Map<String, List<String>> logs = new LinkedHashMap<>();
    for (String service :
        List.of("shop-api", "crm-api", "mes-api", "calculation-service", "file-store")) {
      logs.put(service, Files.readAllLines(stack.logFile(service)));
    }
    for (String id : orders.values()) {
      Set<String> traceIds =
          ofOrder(spans, id).stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
      List<String> lines = new ArrayList<>();
      logs.forEach(
          (service, all) ->
              all.stream()
                  .filter(line -> traceIds.stream().anyMatch(line::contains))
                  .forEach(line -> lines.add(service + ": " + line)));
      assertThat(lines)
          .as("log lines in the traces of order " + id)
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains(id));
    }
    // the legacy MES logs through plain java.util.logging: the agent adds the ids to its lines
    String healthy = orders.get('0');
    assertThat(logs.get("mes-api"))
        .anySatisfy(line -> assertThat(line).contains("order=" + healthy + " trace="));
  }

  @Test
  void everyResourceNamesItsHost() throws Exception {
    healthyOrder();
    assertThat(receiver.resources())
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(OtlpReceiver.resourceAttribute(r, "host.name"))
                    .as(OtlpReceiver.resourceAttribute(r, "service.name"))
                    .isNotBlank());
  }

  @Test
  void noPersonalDataOfTheOrderIsExported() throws Exception {
    healthyOrder();
    String exported = receiver.rawText();
    DemoCustomer.assertNoPersonalData(exported, "exported telemetry");
  }

  @Test
  void thePaymentProviderReceivedNoBaggage() throws Exception {
    healthyOrder();
    String received =
        get(stack.url("payment-stub") + "/_received").body().toLowerCase(java.util.Locale.ROOT);
    assertThat(received).contains("traceparent");
    assertThat(received).doesNotContain("baggage");
    assertThat(receiver.spans())
        .filteredOn(is("crm-api", SpanKind.SPAN_KIND_CLIENT))
        .filteredOn(s -> String.valueOf(s.attribute("server.address")).endsWith(".example"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.attribute("order.id")).isNotNull());
  }

  // ---------------------------------------------------------------- faults

  @Test
  void crmFailureIsAnErrorOnTheOrdersApproveSpan() throws Exception {
    String id = orders.get('1');
    assertThat(approvals.get('1')).isEqualTo(500);
    List<ReceivedSpan> spans =
        awaitSpans(
            s ->
                ofOrder(s, id).stream()
                    .anyMatch(
                        is("crm-api", SpanKind.SPAN_KIND_SERVER)
                            .and(
                                x ->
                                    x.span().getStatus().getCode()
                                        == StatusCode.STATUS_CODE_ERROR)),
            "an error span of order " + id);
    assertThat(ofOrder(spans, id))
        .filteredOn(is("crm-api", SpanKind.SPAN_KIND_SERVER))
        .anySatisfy(
            s -> {
              assertThat(s.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
              assertThat(s.attribute("http.response.status_code")).contains("500");
            });
  }

  @Test
  void mesNackAndDropAreErrorsOnTheOrdersProcessSpans() throws Exception {
    for (char fault : new char[] {'2', '3'}) {
      String id = orders.get(fault);
      List<ReceivedSpan> spans =
          awaitSpans(
              s ->
                  ofOrder(s, id).stream()
                      .anyMatch(
                          is("mes-api", SpanKind.SPAN_KIND_CONSUMER)
                              .and(
                                  x ->
                                      x.span().getStatus().getCode()
                                          == StatusCode.STATUS_CODE_ERROR)),
              "a failed process span of order " + id);
      assertThat(ofOrder(spans, id))
          .filteredOn(is("mes-api", SpanKind.SPAN_KIND_CONSUMER))
          .anySatisfy(
              s ->
                  assertThat(s.span().getEventsList())
                      .anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception")));
    }
    String nacked = orders.get('2');
    assertThat(ofOrder(receiver.spans(), nacked))
        .as("the nack or the redelivery is on the order's trace")
        .anySatisfy(
            s ->
                assertThat(s.span().getName() + " " + s.attribute("messaging.rabbitmq.redelivered"))
                    .containsAnyOf("basic.nack", "basic.reject", "true"));
  }

  @Test
  void mesDbTimeoutIsAnErrorOnTheOrdersDatabaseSpan() throws Exception {
    String id = orders.get('4');
    List<ReceivedSpan> spans =
        awaitSpans(
            s ->
                ofOrder(s, id).stream()
                    .anyMatch(
                        is("mes-api", SpanKind.SPAN_KIND_CLIENT)
                            .and(
                                x -> x.span().getStatus().getCode() == StatusCode.STATUS_CODE_ERROR)
                            .and(
                                x ->
                                    x.attribute("db.query.text") != null
                                        || x.attribute("db.statement") != null)),
            "a failed database span of order " + id);
    assertThat(ofOrder(spans, id)).isNotEmpty();
  }

  @Test
  void slowCalculationShowsInTheOrdersCalculationSpan() throws Exception {
    String id = orders.get('5');
    List<ReceivedSpan> spans =
        awaitSpans(
            s ->
                ofOrder(s, id).stream()
                    .anyMatch(is("calculation-service", SpanKind.SPAN_KIND_SERVER)),
            "the calculation span of order " + id);
    assertThat(ofOrder(spans, id))
        .filteredOn(is("calculation-service", SpanKind.SPAN_KIND_SERVER))
        .anySatisfy(s -> assertThat(durationMillis(s)).isGreaterThanOrEqualTo(SLOW_MS));
  }

  @AfterAll
  void stop() throws Exception {
    Closeables.closeAll(stack, receiver);
  }
}
