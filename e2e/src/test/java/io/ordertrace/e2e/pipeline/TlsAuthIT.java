package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The gateway with collector-config/otelcol-tls-auth.yaml: TLS on, bearer token required (S6). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsAuthIT {
  private static final String TOKEN = "test-token-" + Long.toString(System.nanoTime(), 36);
  private PipelineProcesses processes;
  private PipelineProcesses.Tempo tempo;
  private PipelineProcesses.Collector collector;
  private HttpClient tlsClient;

  @BeforeAll
  void start() throws Exception {
    processes = new PipelineProcesses("TlsAuthIT");
    Path cert = processes.workDir.resolve("cert.pem");
    Path key = processes.workDir.resolve("key.pem");
    PipelineProcesses.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()), Duration.ofSeconds(60));
    tempo = processes.tempo("tempo");
    collector = processes.new Collector("otelcol-tls",
        List.of("collector-config/otelcol.yaml", "collector-config/otelcol-tls-auth.yaml"),
        Map.of("TEMPO_OTLP_GRPC_ENDPOINT", tempo.otlpGrpcEndpoint(),
            "TEMPO_OTLP_INSECURE", "true", // the test's Tempo listens without TLS on loopback
            "OTELCOL_BEARER_TOKEN", TOKEN,
            "OTELCOL_TLS_CERT_FILE", cert.toString(),
            "OTELCOL_TLS_KEY_FILE", key.toString()));
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("collector", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    tlsClient = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
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
    return request("auth-test", List.of(
        span(traceId, newSpanId(), null, "GET /api/orders/1", SpanKind.SPAN_KIND_SERVER, nowNanos(), 1, Map.of("order.id", "1")).build()));
  }

  @Test
  void withoutOrWithAWrongTokenTheCollectorAnswers401() {
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(newTraceId()), null)).isEqualTo(401);
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(newTraceId()), "Bearer wrong-" + TOKEN)).isEqualTo(401);
  }

  @Test
  void withTheTokenOverTlsSpansAreAcceptedAndReachTempo() {
    String traceId = newTraceId();
    assertThat(Spans.post(tlsClient, httpsUrl(), oneSpan(traceId), "Bearer " + TOKEN)).isEqualTo(200);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Spans.trace(tempo.url(), traceId).isEmpty() && System.nanoTime() < deadline) {
      PipelineProcesses.sleep(300);
    }
    assertThat(Spans.trace(tempo.url(), traceId)).hasSize(1);
  }

  @Test
  void plainHttpIsRefused() {
    int status = Spans.post("http://127.0.0.1:" + collector.otlpHttp + "/v1/traces", oneSpan(newTraceId()), "Bearer " + TOKEN);
    assertThat(status).as("plain HTTP to a TLS port").isNotEqualTo(200);
  }
}
