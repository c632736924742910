/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpReceiver;
import io.ordertrace.testing.OtlpReceiver.ReceivedSpan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message-process spans of the plain RabbitMQ client and of Spring AMQP, with the one-jar agent and
 * a real RabbitMQ (started by {@code deploy/local/infra.sh start}, which {@code ./test.sh} runs).
 * One order is published inside a traced request (baggage and header), another from a bare thread
 * (the {@code order_id} message header is all the consumer has). A third order is refused by the
 * plain consumer: nacked with requeue, then rejected without requeue when redelivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingAgentIT {

  private static final String IN_REQUEST = "200001";
  private static final String BACKGROUND = "200002";
  private static final String REFUSED = "200003";

  private final List<ManagedProcess> apps = new ArrayList<>();
  private OtlpReceiver receiver;

  @BeforeAll
  void start() throws Exception {
    requireRabbitMq();
    receiver = new OtlpReceiver();
    String agent = System.getProperty("ordertrace.javaagent");
    String run = UUID.randomUUID().toString().substring(0, 8);
    // inside the least-privilege grant of deploy/local/infra.sh: orders.* and mes.orders.*
    String exchange = "orders.it-" + run;
    int publisherPort = ManagedProcess.freePort();
    String ping = "http://127.0.0.1:" + publisherPort + "/ping";

    apps.add(
        AppProcess.java(
                "publisher",
                RabbitPublisherApp.class,
                agentArgs(agent, "it-publisher"),
                String.valueOf(publisherPort),
                exchange)
            .readyWhenHttpAnswers(ping)
            .readyTimeout(Duration.ofSeconds(60))
            .start());
    apps.add(
        AppProcess.java(
                "rabbit-consumer",
                RabbitConsumerApp.class,
                agentArgs(agent, "it-rabbit-consumer"),
                exchange,
                "mes.orders.it-plain-" + run,
                ping,
                REFUSED)
            .readyWhenLogContains("consumer ready")
            .readyTimeout(Duration.ofSeconds(60))
            .start());
    apps.add(
        AppProcess.java(
                "spring-consumer",
                SpringAmqpConsumerApp.class,
                agentArgs(agent, "it-spring-consumer"),
                exchange,
                "mes.orders.it-spring-" + run,
                ping)
            .readyWhenLogContains("spring consumer ready")
            .readyTimeout(Duration.ofSeconds(60))
            .start());

    HttpClient client = HttpClient.newHttpClient();
    for (String path :
        new String[] {
          "/crm/orders/" + IN_REQUEST + "/publish",
          "/background/" + BACKGROUND,
          "/crm/orders/" + REFUSED + "/publish"
        }) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publisherPort + path))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(202);
    }
  }

  private static void requireRabbitMq() {
    try (Socket socket =
        new Socket(
            InetAddress.getLoopbackAddress(),
            Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672")))) {
      socket.setSoTimeout(1000);
    } catch (IOException e) {
      throw new AssertionError(
          "RabbitMQ is not reachable on 127.0.0.1. Start it with: deploy/local/infra.sh start "
              + "(./test.sh does this for you).");
    }
  }

  private List<String> agentArgs(String agent, String service) {
    return List.of(
        "-javaagent:" + agent,
        "-Dotel.service.name=" + service,
        "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.exporter.otlp.traces.endpoint=" + receiver.tracesEndpoint(),
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=200");
  }

  private static Stream<ReceivedSpan> consumerSpans(
      List<ReceivedSpan> spans, String service, String orderId) {
    return spans.stream()
        .filter(s -> s.service().equals(service))
        .filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_CONSUMER)
        .filter(s -> orderId.equals(s.attribute("order.id")));
  }

  private List<ReceivedSpan> awaitDelivery(String service) throws InterruptedException {
    return receiver.await(
        spans ->
            consumerSpans(spans, service, IN_REQUEST).findAny().isPresent()
                && consumerSpans(spans, service, BACKGROUND).findAny().isPresent()
                && spans.stream()
                        .filter(
                            s ->
                                s.service().equals("it-publisher")
                                    && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
                        .filter(s -> service.equals(s.attribute("caller.service.name")))
                        .count()
                    >= 2,
        Duration.ofSeconds(60),
        "process spans of both orders in " + service);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"it-rabbit-consumer", "it-spring-consumer"})
  void processSpanJoinsThePublishersTraceWithOrderCallerAndStage(String service) throws Exception {
    List<ReceivedSpan> spans = awaitDelivery(service);
    ReceivedSpan producer =
        spans.stream()
            .filter(
                s ->
                    s.service().equals("it-publisher")
                        && s.span().getKind() == SpanKind.SPAN_KIND_PRODUCER)
            .filter(s -> IN_REQUEST.equals(s.attribute("order.id")))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no publish span" + OtlpReceiver.describe(spans)));

    assertThat(consumerSpans(spans, service, IN_REQUEST))
        .isNotEmpty()
        .allSatisfy(
            process -> {
              assertThat(process.traceId())
                  .as("publish and process in one trace")
                  .isEqualTo(producer.traceId());
              assertThat(process.attribute("caller.service.name")).isEqualTo("it-publisher");
              // a consumer's destination is its queue; exchange and routing key are kept beside it
              assertThat(process.attribute("messaging.destination.name"))
                  .startsWith("mes.orders.it-");
              assertThat(process.attribute("messaging.rabbitmq.exchange")).startsWith("orders.it-");
              assertThat(process.attribute("messaging.rabbitmq.destination.routing_key"))
                  .isEqualTo("order.approved");
              assertThat(process.attribute("messaging.rabbitmq.redelivered"))
                  .isEqualTo("bool_value: false\n");
            })
        .anySatisfy(
            process -> assertThat(process.attribute("order.stage")).isEqualTo("in_production"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"it-rabbit-consumer", "it-spring-consumer"})
  void messageHeaderAloneIdentifiesTheOrder(String service) throws Exception {
    List<ReceivedSpan> spans = awaitDelivery(service);
    assertThat(consumerSpans(spans, service, BACKGROUND))
        .isNotEmpty()
        .allSatisfy(
            process ->
                assertThat(process.attribute("caller.service.name")).isEqualTo("it-publisher"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"it-rabbit-consumer", "it-spring-consumer"})
  void workDoneWhileProcessingCarriesTheOrderDownstream(String service) throws Exception {
    List<ReceivedSpan> spans = awaitDelivery(service);
    assertThat(spans)
        .filteredOn(
            s -> s.service().equals(service) && s.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
        .filteredOn(s -> "/ping".equals(pathOf(s.attribute("url.full"))))
        .extracting(s -> s.attribute("order.id"))
        .contains(IN_REQUEST, BACKGROUND);
    assertThat(spans)
        .filteredOn(
            s ->
                s.service().equals("it-publisher")
                    && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
        .filteredOn(s -> service.equals(s.attribute("caller.service.name")))
        .extracting(s -> s.attribute("order.id"))
        .contains(IN_REQUEST, BACKGROUND);
  }

  @org.junit.jupiter.api.Test
  void eachDeliveryRecordsItsSettlementAndTheRequeueFlagOfARefusal() throws Exception {
    List<ReceivedSpan> spans =
        receiver.await(
            all ->
                consumerSpans(all, "it-rabbit-consumer", REFUSED).count() >= 2
                    && consumerSpans(all, "it-rabbit-consumer", IN_REQUEST).findAny().isPresent(),
            Duration.ofSeconds(60),
            "both deliveries of the refused order");
    assertThat(consumerSpans(spans, "it-rabbit-consumer", REFUSED))
        .extracting(
            s ->
                String.valueOf(s.attribute("messaging.rabbitmq.redelivered")).trim()
                    + " "
                    + s.attribute("messaging.rabbitmq.settlement")
                    + " "
                    + String.valueOf(s.attribute("messaging.rabbitmq.requeue")).trim())
        .as("redelivered, settlement, requeue")
        .containsExactlyInAnyOrder(
            "bool_value: false nack bool_value: true", "bool_value: true reject bool_value: false");
    assertThat(consumerSpans(spans, "it-rabbit-consumer", REFUSED))
        .allSatisfy(
            s -> {
              assertThat(s.attribute("order.stage.failed")).isEqualTo("in_production");
              assertThat(s.attribute("order.stage")).isNull();
            });
    assertThat(consumerSpans(spans, "it-rabbit-consumer", IN_REQUEST))
        .as("an ack has no requeue flag")
        .allSatisfy(
            s -> {
              assertThat(s.attribute("messaging.rabbitmq.settlement")).isEqualTo("ack");
              assertThat(s.attribute("messaging.rabbitmq.requeue")).isNull();
            });
  }

  private static String pathOf(String url) {
    return url == null ? null : URI.create(url).getPath();
  }

  @AfterAll
  void stop() throws Exception {
    for (ManagedProcess app : apps) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }
}
