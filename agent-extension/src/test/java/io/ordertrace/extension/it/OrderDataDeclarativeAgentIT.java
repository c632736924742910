/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpReceiver;
import io.ordertrace.testing.OtlpReceiver.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The order data of issue 11 with the SDK configured from a file ({@code otel.config.file}), where
 * the {@code otel.*} customizers never run (requirements D2, D5): the file names a plain {@code
 * batch} processor and nothing of ordertrace's processors, yet the span that ended before the order
 * id existed is exported with it, and the failing step says which stage failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderDataDeclarativeAgentIT {

  private static final String ORDER_ID = CreatingOrderApp.NEW_ORDER_ID;

  private final List<ManagedProcess> apps = new ArrayList<>();
  private OtlpReceiver receiver;

  @BeforeAll
  void createAndFailToApproveAnOrder() throws Exception {
    receiver = new OtlpReceiver();
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent built by the package phase").exists();
    Path workDir = Path.of("target", "it-declarative-order-data").toAbsolutePath();
    Files.createDirectories(workDir);

    int providerPort = ManagedProcess.freePort();
    int port = ManagedProcess.freePort();
    apps.add(
        AppProcess.java(
                "declarative-provider", ExternalStub.class, List.of(), String.valueOf(providerPort))
            .readyWhenHttpAnswers("http://127.0.0.1:" + providerPort + "/_received")
            .readyTimeout(Duration.ofSeconds(30))
            .start());
    Path file = workDir.resolve("otel.yaml");
    Files.writeString(file, yaml(receiver.tracesEndpoint()));
    apps.add(
        AppProcess.java(
                "declarative-order-system",
                CreatingOrderApp.class,
                List.of("-javaagent:" + agent, "-Dotel.config.file=" + file),
                String.valueOf(port),
                "http://127.0.0.1:" + providerPort)
            .readyWhenHttpAnswers("http://127.0.0.1:" + port + "/health")
            .readyTimeout(Duration.ofMinutes(3))
            .start());

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> created =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.headers().firstValue("X-Order-Id")).contains(ORDER_ID);
    HttpResponse<String> approved =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/crm/orders/" + ORDER_ID + "/approve"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isEqualTo(500);
  }

  /**
   * What an operator writes: plain SDK processors, ordertrace settings in the java node; not the
   * captured response header, which the extension adds for its {@code response-header:} source.
   */
  private static String yaml(String tracesEndpoint) {
    return "file_format: \"1.0\"\n"
        + "resource:\n"
        + "  attributes:\n"
        + "    - name: service.name\n"
        + "      value: it-declarative-orders\n"
        + "tracer_provider:\n"
        + AppProcess.batchOtlpHttp(tracesEndpoint)
        + "instrumentation/development:\n"
        + "  java:\n"
        + "    ordertrace:\n"
        + "      order-id:\n"
        + "        sources: path:/api/orders/{id},path:/crm/orders/{id},response-header:X-Order-Id\n";
  }

  private List<ReceivedSpan> spans() throws InterruptedException {
    return receiver.await(
        all ->
            all.stream().anyMatch(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
                && all.stream().filter(s -> s.span().getKind() == SpanKind.SPAN_KIND_SERVER).count()
                    >= 2,
        Duration.ofSeconds(60),
        "the creating and the approving request");
  }

  private static ReceivedSpan server(List<ReceivedSpan> spans, String path) {
    return spans.stream()
        .filter(
            s ->
                s.span().getKind() == SpanKind.SPAN_KIND_SERVER
                    && path.equals(s.attribute("url.path")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no server span for " + path + OtlpReceiver.describe(spans)));
  }

  @Test
  void theCallThatEndedBeforeTheOrderExistedIsExportedWithItsId() throws Exception {
    List<ReceivedSpan> spans = spans();
    ReceivedSpan creating = server(spans, "/api/orders");
    assertThat(creating.attribute("order.id")).as("from the response header").isEqualTo(ORDER_ID);
    assertThat(creating.attribute("order.stage")).isEqualTo("created");
    List<ReceivedSpan> trace =
        spans.stream()
            .filter(s -> s.traceId().equals(creating.traceId()))
            .collect(Collectors.toList());
    assertThat(trace)
        .filteredOn(s -> s.span().getKind() == SpanKind.SPAN_KIND_CLIENT)
        .as("the provider call ended before the id was issued")
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.span().getEndTimeUnixNano())
                  .isLessThan(creating.span().getEndTimeUnixNano());
              assertThat(call.attribute("order.id")).isEqualTo(ORDER_ID);
            });
    assertThat(trace).allSatisfy(s -> assertThat(s.attribute("order.id")).isEqualTo(ORDER_ID));
  }

  @Test
  void theFailingStepSaysWhichStageFailedAndDoesNotClaimIt() throws Exception {
    ReceivedSpan approve = server(spans(), "/crm/orders/" + ORDER_ID + "/approve");
    assertThat(approve.attribute("order.stage.failed")).isEqualTo("approved");
    assertThat(approve.attribute("order.stage")).isNull();
    assertThat(approve.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(approve.span().getName())
        .as("route from the stage rules")
        .isEqualTo("POST /crm/orders/{id}/approve");
  }

  @AfterAll
  void stop() throws Exception {
    Closeables.closeAll(apps, receiver);
  }
}
