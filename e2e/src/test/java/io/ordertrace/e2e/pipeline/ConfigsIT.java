package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newSpanId;
import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.request;
import static io.ordertrace.e2e.pipeline.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every collector config passes the binary's validate; Tempo starts with each config in tempo/. */
class ConfigsIT {
  private PipelineProcesses processes;

  @AfterEach
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void everyCollectorConfigPassesValidate() throws Exception {
    processes = new PipelineProcesses("ConfigsIT-validate");
    String c = processes.repo.resolve("collector-config").toString();
    List<List<String>> sets = List.of(
        List.of(c + "/otelcol.yaml"),
        List.of(c + "/otelcol.yaml", c + "/otelcol-tls-auth.yaml"),
        List.of(c + "/otelcol-tier1-loadbalancer.yaml"),
        List.of(c + "/otelcol.yaml", c + "/otelcol-tier2-sampler.yaml"),
        List.of(c + "/otelcol.yaml", c + "/otelcol-tier2-sampler.yaml", c + "/otelcol-tls-auth.yaml"));
    for (List<String> configs : sets) {
      List<String> cmd = new java.util.ArrayList<>(List.of("env", "OTELCOL_BEARER_TOKEN=t",
          "OTELCOL_TLS_CERT_FILE=/nonexistent/cert.pem", "OTELCOL_TLS_KEY_FILE=/nonexistent/key.pem",
          processes.otelcol.toString(), "validate"));
      configs.forEach(f -> cmd.add("--config=" + f));
      PipelineProcesses.run(cmd, Duration.ofSeconds(60)); // throws with the output on a non-zero exit
    }
  }

  @Test
  void tempoStartsWithTheLocalConfig() {
    processes = new PipelineProcesses("ConfigsIT-tempo-local");
    PipelineProcesses.Tempo tempo = processes.tempo("tempo-local");
    assertThat(PipelineProcesses.get(tempo.url() + "/ready").body()).contains("ready");
    assertThat(PipelineProcesses.get(tempo.url() + "/status/config").body())
        .contains("order.id").contains("user.id").contains("parquet_dedicated_columns");
  }

  /** tempo-s3.yaml against a real S3-compatible store (moto) on loopback: blocks land in the bucket. */
  @Test
  void tempoStartsWithTheS3ConfigAndWritesBlocksToTheBucket() throws Exception {
    processes = new PipelineProcesses("ConfigsIT-tempo-s3");
    int s3Port = PipelineProcesses.freePort();
    processes.start("moto-s3", List.of(processes.repo.resolve("tempo/s3-test-server.sh").toString(), Integer.toString(s3Port)),
        Map.of(), "http://127.0.0.1:" + s3Port + "/", false);
    String bucket = "ordertrace-traces";
    var put = Spans.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s3Port + "/" + bucket))
        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    PipelineProcesses.Tempo tempo = processes.new Tempo("tempo-s3", "tempo/tempo-s3.yaml", Map.of(
        "TEMPO_S3_ENDPOINT", "127.0.0.1:" + s3Port,
        "TEMPO_S3_BUCKET", bucket,
        "TEMPO_S3_ACCESS_KEY", "test-access-key",
        "TEMPO_S3_SECRET_KEY", "test-secret-key",
        "TEMPO_S3_INSECURE", "true",
        "TEMPO_RETENTION", "168h",
        "TEMPO_MAX_BLOCK_DURATION", "3s"));
    assertThat(PipelineProcesses.get(tempo.url() + "/status/config").body())
        .contains("block_retention: 168h").contains("order.id");

    // a span straight into Tempo's OTLP/HTTP port; the block is cut after 3 s and flushed to S3
    String traceId = newTraceId();
    assertThat(Spans.post("http://127.0.0.1:" + tempo.otlpHttpPort + "/v1/traces", request("s3-test", List.of(
        span(traceId, newSpanId(), null, "s3", SpanKind.SPAN_KIND_SERVER, nowNanos(), 1, Map.of("order.id", "s3-1")).build()))))
        .isEqualTo(200);
    long deadline = System.nanoTime() + 90_000_000_000L;
    String listing = "";
    while (System.nanoTime() < deadline) {
      listing = PipelineProcesses.get("http://127.0.0.1:" + s3Port + "/" + bucket + "?list-type=2").body();
      if (listing.contains("meta.json")) {
        break;
      }
      PipelineProcesses.sleep(1000);
    }
    assertThat(listing).as("a complete block (meta.json) in the bucket").contains("meta.json");
    assertThat(Spans.trace(tempo.url(), traceId)).hasSize(1);
  }
}
