/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.Certificates;
import io.ordertrace.testing.JaegerProcess;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gateway with collector-config/otelcol-tls-auth.yaml: TLS on, bearer token required, and TLS
 * verified on the hop to Jaeger (jaeger/jaeger-tls.yaml) (S6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsAuthIT {
  private static final String TOKEN = "test-token-" + Long.toString(System.nanoTime(), 36);
  private PipelineProcesses processes;
  private JaegerProcess jaeger;
  private PipelineProcesses.Collector collector;
  private HttpClient tlsClient;

  @BeforeAll
  void start() throws Exception {
    processes = new PipelineProcesses("TlsAuthIT");
    Path cert = Certificates.selfSignedForLoopback(processes.workDir, "collector");
    Path key = processes.workDir.resolve("collector.key");
    // Jaeger's OTLP receiver with TLS too (jaeger/jaeger-tls.yaml): the collector -> Jaeger hop
    // is verified against the certificate, not "insecure"
    jaeger =
        processes.jaeger(
            "jaeger",
            JaegerProcess.Storage.MEMORY,
            Map.of("JAEGER_TLS_CERT_FILE", cert.toString(), "JAEGER_TLS_KEY_FILE", key.toString()),
            List.of("jaeger/jaeger-tls.yaml"));
    collector =
        processes
        .new Collector(
            "otelcol-tls",
            List.of("collector-config/otelcol.yaml", "collector-config/otelcol-tls-auth.yaml"),
            Map.of(
                "JAEGER_OTLP_GRPC_ENDPOINT",
                jaeger.otlpGrpcEndpoint(),
                "JAEGER_OTLP_INSECURE",
                "false",
                "JAEGER_TLS_CA_FILE",
                cert.toString(),
                "OTELCOL_BEARER_TOKEN",
                TOKEN,
                "OTELCOL_TLS_CERT_FILE",
                cert.toString(),
                "OTELCOL_TLS_KEY_FILE",
                key.toString()));
    tlsClient =
        HttpClient.newBuilder()
            .sslContext(Certificates.trusting(cert))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterAll
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  private String httpsUrl() {
    return "https://127.0.0.1:" + collector.otlpHttp + "/v1/traces";
  }

  private static ExportTraceServiceRequest oneSpan(String traceId) {
    return request(
        "auth-test",
        List.of(
            span(
                    traceId,
                    newSpanId(),
                    null,
                    "GET /api/orders/1",
                    SpanKind.SPAN_KIND_SERVER,
                    nowNanos(),
                    1,
                    Map.of("order.id", "1"))
                .build()));
  }

  @Test
  void withoutOrWithAWrongTokenTheCollectorAnswers401() {
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(newTraceId()), null)).isEqualTo(401);
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(newTraceId()), "Bearer wrong-" + TOKEN))
        .isEqualTo(401);
  }

  @Test
  void withTheTokenOverTlsSpansAreAcceptedAndReachJaegerOverTls() {
    String traceId = newTraceId();
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(traceId), "Bearer " + TOKEN))
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> assertThat(Spans.trace(jaeger.queryUrl(), traceId)).hasSize(1));
  }

  @Test
  void jaegersOtlpReceiverRefusesPlainText() {
    // with the overlay the receiver speaks TLS only
    int status = Spans.post(jaeger.otlpTracesUrl(), oneSpan(newTraceId()));
    assertThat(status).as("plain HTTP to Jaeger's TLS OTLP/HTTP port").isNotEqualTo(200);
  }

  @Test
  void plainHttpIsRefused() {
    int status =
        Spans.post(
            "http://127.0.0.1:" + collector.otlpHttp + "/v1/traces",
            oneSpan(newTraceId()),
            "Bearer " + TOKEN);
    assertThat(status).as("plain HTTP to a TLS port").isNotEqualTo(200);
  }
}
