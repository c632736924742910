/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpReceiver;
import io.ordertrace.testing.OtlpReceiver.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real JVMs with the real one-jar agent: edge (JDK HTTP server, {@code ordertrace.edge=true}) ->
 * Tomcat -> Netty, and Tomcat -> an external-looking payment host. One order request with PII in
 * its query and headers and a forged baggage header goes in; the agent's own OTLP exporter sends
 * the spans to a receiver in this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderFlowAgentIT {

  private static final String ORDER_ID = "100042";
  private static final String EMAIL = "ivan.petrov@mail.ru";
  private static final String PHONE = "+7 (912) 345-67-89";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String COOKIE_SECRET = "s3cr3t-session-value";
  private static final String JWT_PAYLOAD =
      Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString("{\"sub\":\"u-jwt\"}".getBytes(StandardCharsets.UTF_8));
  private static final List<String> PII =
      List.of(
          EMAIL,
          "ivan.petrov%40mail.ru",
          "912) 345-67-89",
          "9123456789",
          CARD,
          "4111111111111111",
          COOKIE_SECRET,
          JWT_PAYLOAD,
          "hunter2");

  private final List<ManagedProcess> apps = new ArrayList<>();
  private OtlpReceiver receiver;
  private ManagedProcess edge;
  private ManagedProcess tomcat;
  private ManagedProcess netty;
  private int edgePort;
  private int externalPort;
  private Long edgeResponseBytes;

  @BeforeAll
  void startServices() throws Exception {
    receiver = new OtlpReceiver();
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent built by the package phase").exists();

    Path hosts = Path.of("target", "it-hosts");
    Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 pay.provider.example\n");

    externalPort = ManagedProcess.freePort();
    int nettyPort = ManagedProcess.freePort();
    int tomcatPort = ManagedProcess.freePort();
    edgePort = ManagedProcess.freePort();

    apps.add(
        AppProcess.java(
                "external-stub", ExternalStub.class, List.of(), String.valueOf(externalPort))
            .readyWhenHttpAnswers("http://127.0.0.1:" + externalPort + "/_received")
            .readyTimeout(Duration.ofSeconds(30))
            .start());
    netty =
        AppProcess.java(
                "netty",
                NettyApp.class,
                agentArgs(
                    agent,
                    "it-netty",
                    "-Dordertrace.stage.rules=POST /api/orders=created,GET=broken"),
                String.valueOf(nettyPort))
            .readyWhenHttpAnswers("http://127.0.0.1:" + nettyPort + "/")
            .readyTimeout(Duration.ofSeconds(60))
            .start();
    apps.add(netty);
    List<String> tomcatArgs =
        agentArgs(
            agent,
            "it-tomcat",
            "-Djdk.net.hosts.file=" + hosts.toAbsolutePath(),
            "-Dlogback.configurationFile="
                + Path.of(
                        "target",
                        "test-classes",
                        "io",
                        "ordertrace",
                        "extension",
                        "it",
                        "logback-it.xml")
                    .toAbsolutePath());
    tomcat =
        AppProcess.java(
                "tomcat",
                TomcatApp.class,
                tomcatArgs,
                String.valueOf(tomcatPort),
                "http://127.0.0.1:" + nettyPort,
                "http://pay.provider.example:" + externalPort)
            .readyWhenHttpAnswers("http://127.0.0.1:" + tomcatPort + "/health")
            .readyTimeout(Duration.ofSeconds(60))
            .start();
    apps.add(tomcat);
    edge =
        AppProcess.java(
                "edge",
                EdgeApp.class,
                agentArgs(
                    agent,
                    "it-edge",
                    "-Dordertrace.edge=true",
                    "-Dotel.instrumentation.http.server.capture-request-headers=Cookie,X-Customer-Email,Authorization"),
                String.valueOf(edgePort),
                "http://127.0.0.1:" + tomcatPort)
            .readyWhenHttpAnswers("http://127.0.0.1:" + edgePort + "/health")
            .readyTimeout(Duration.ofSeconds(60))
            .start();
    apps.add(edge);

    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/health")).build(),
          HttpResponse.BodyHandlers.discarding());
    }
    String query =
        "email=ivan.petrov%40mail.ru&note=call+me+"
            + PHONE.replace(" ", "+").replace("+7", "%2B7")
            + "&password=hunter2";
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + edgePort + "/api/orders/" + ORDER_ID + "?" + query))
                .header("X-User-Id", "u-1001")
                .header("X-Customer-Email", EMAIL)
                .header("Cookie", "session=" + COOKIE_SECRET)
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0." + JWT_PAYLOAD + ".c2ln")
                .header(
                    "baggage",
                    "order.id=forged-1,user.id=admin,tenant=evil,caller.service.name=crm-api")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    edgeResponseBytes = (long) response.body().getBytes(StandardCharsets.UTF_8).length;
  }

  private List<String> agentArgs(String agent, String service, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + agent);
    args.add("-Dotel.service.name=" + service);
    args.add("-Dotel.resource.attributes=deployment.environment.name=it,tenant.id=alexandrite");
    args.add("-Dotel.exporter.otlp.protocol=http/protobuf");
    args.add("-Dotel.exporter.otlp.traces.endpoint=" + receiver.tracesEndpoint());
    args.add("-Dotel.metrics.exporter=none");
    args.add("-Dotel.logs.exporter=none");
    args.add("-Dotel.bsp.schedule.delay=200");
    args.addAll(List.of(extra));
    return args;
  }

  private List<ReceivedSpan> orderTrace() throws InterruptedException {
    return receiver.await(
        spans ->
            spans.stream()
                    .anyMatch(
                        s ->
                            s.service().equals("it-netty")
                                && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
                && spans.stream()
                    .anyMatch(
                        s ->
                            s.service().equals("it-edge")
                                && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
                && spans.stream()
                        .filter(
                            s ->
                                s.service().equals("it-tomcat")
                                    && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
                        .count()
                    >= 2,
        Duration.ofSeconds(60),
        "spans of edge, tomcat and netty");
  }

  private static ReceivedSpan server(List<ReceivedSpan> spans, String service, String path) {
    return spans.stream()
        .filter(s -> s.service().equals(service) && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
        .filter(s -> path == null || path.equals(s.attribute("url.path")))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no server span of " + service + " " + path + OtlpReceiver.describe(spans)));
  }

  @Test
  void everySpanOfTheOrderCarriesOrderAndUserIdsInEveryService() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    String traceId = server(spans, "it-edge", "/api/orders/" + ORDER_ID).traceId();
    List<ReceivedSpan> trace =
        spans.stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());

    assertThat(trace)
        .extracting(ReceivedSpan::service)
        .contains("it-edge", "it-tomcat", "it-netty");
    assertThat(trace)
        .as("order.id and user.id on every span of the trace")
        .allSatisfy(
            span -> {
              assertThat(span.attribute("order.id"))
                  .as(span.service() + " " + span.span().getName())
                  .isEqualTo(ORDER_ID);
              assertThat(span.attribute("user.id"))
                  .as(span.service() + " " + span.span().getName())
                  .isEqualTo("u-1001");
            });
  }

  @Test
  void receivingSpansRecordTheCallingService() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    assertThat(server(spans, "it-tomcat", "/internal/work").attribute("caller.service.name"))
        .isEqualTo("it-edge");
    assertThat(server(spans, "it-netty", "/netty/work").attribute("caller.service.name"))
        .isEqualTo("it-tomcat");
    assertThat(server(spans, "it-edge", "/api/orders/" + ORDER_ID).attribute("caller.service.name"))
        .as("the edge ignores the forged caller")
        .isNull();
  }

  @Test
  void serverAndClientSpansCarryBodySizesFromContentLength() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    assertThat(bodySize(server(spans, "it-edge", null), "http.response.body.size"))
        .as("the edge's answer (JDK HttpServer)")
        .isEqualTo(edgeResponseBytes);
    assertThat(bodySize(server(spans, "it-netty", "/netty/work"), "http.response.body.size"))
        .as("Netty's answer")
        .isEqualTo(5L);
    ReceivedSpan nettyCall =
        spans.stream()
            .filter(
                s ->
                    s.service().equals("it-tomcat")
                        && s.span().getKind() == SpanKind.SPAN_KIND_CLIENT
                        && String.valueOf(s.attribute("url.full")).endsWith("/netty/work"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no client span of tomcat to netty"));
    assertThat(bodySize(nettyCall, "http.response.body.size"))
        .as("the client's view")
        .isEqualTo(5L);
    assertThat(spans)
        .as("the captured Content-Length headers are not exported besides the sizes")
        .allSatisfy(
            s ->
                assertThat(s.span().getAttributesList())
                    .noneMatch(a -> a.getKey().endsWith(".header.content-length")));
  }

  private static Long bodySize(ReceivedSpan span, String key) {
    return span.span().getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .map(a -> a.getValue().getIntValue())
        .findFirst()
        .orElse(null);
  }

  @Test
  void forgedBaggageIsIgnoredAtTheEdge() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    assertThat(spans).noneSatisfy(s -> assertThat(s.attribute("order.id")).isEqualTo("forged-1"));
    assertThat(spans).noneSatisfy(s -> assertThat(s.attribute("user.id")).isEqualTo("admin"));
    assertThat(receiver.rawText().contains("evil")).as("foreign baggage entry exported").isFalse();
    assertThat(receiver.rawText().contains("forged-1")).as("forged order id exported").isFalse();
  }

  @Test
  void externalCallCarriesTraceContextButNoBaggage() throws Exception {
    orderTrace();
    String received =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + externalPort + "/_received"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(received).contains("/v1/charges").contains("traceparent:");
    assertThat(received)
        .doesNotContain("baggage")
        .doesNotContain(ORDER_ID)
        .doesNotContain("u-1001");
    assertThat(orderTrace())
        .filteredOn(
            s ->
                s.span().getKind() == SpanKind.SPAN_KIND_CLIENT
                    && "pay.provider.example".equals(s.attribute("server.address")))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.attribute("order.id"))
                    .as("the client span itself keeps the order")
                    .isEqualTo(ORDER_ID));
  }

  @Test
  void noPiiLeavesAnyProcess() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    assertThat(server(spans, "it-tomcat", "/internal/fail").span().getEventsList())
        .as("the exception was recorded, so its message was there to leak")
        .isNotEmpty();
    String exported = receiver.rawText();
    assertThat(exported.contains("[REDACTED:")).as("redaction markers in the export").isTrue();
    for (int i = 0; i < PII.size(); i++) {
      // the sample is named by index: a failure must not print PII into the build log either
      assertThat(exported.contains(PII.get(i)))
          .as("exported telemetry contains PII sample #%d", i)
          .isFalse();
    }
  }

  @Test
  void healthChecksProduceNoTrace() throws Exception {
    List<ReceivedSpan> spans = orderTrace();
    assertThat(spans).noneSatisfy(s -> assertThat(s.attribute("url.path")).isEqualTo("/health"));
  }

  @Test
  void logLinesCarryTheOrderIdThroughTheMdc() throws Exception {
    orderTrace();
    assertThat(tomcat.logText()).contains("LOG order=" + ORDER_ID + " user=u-1001 trace=");
  }

  @Test
  void badConfigurationIsReportedOnceByPropertyAndValueAndTheServiceKeepsWorking()
      throws Exception {
    orderTrace();
    String output = netty.logText();
    assertThat(output.split("ordertrace.stage.rules", -1)).as("one warning").hasSize(2);
    assertThat(output)
        .contains("ordertrace: ignoring invalid value of ordertrace.stage.rules: 'GET=broken'");
  }

  @AfterAll
  void stopServices() throws Exception {
    Closeables.closeAll(apps, receiver);
  }
}
