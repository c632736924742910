/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.cli.Main;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OtlpSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive as the real collector writes it: the repository's collector ({@code
 * otelcol-ordertrace}, built by tools/otel-binaries.sh) with collector-config/otelcol.yaml and
 * otelcol-archive.yaml exports an order's spans to Jaeger and to a real S3 API server (moto);
 * {@code find --archive} must then show the same traces as {@code find} on Jaeger (P3, U1).
 */
class ArchiveCollectorIT {

  private static final Path REPO_ROOT =
      Paths.get(System.getProperty("ordertrace.repo.root", "../..")).toAbsolutePath().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"))
          .toAbsolutePath()
          .resolve("collector");
  private static final String BUCKET = "ordertrace-archive";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final List<Process> processes = new ArrayList<>();
  private static JaegerProcess jaeger;
  private static String s3;
  private static final String ORDER =
      "COL-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String TRACE = randomHex(16);

  @BeforeAll
  static void startThePipelineAndSendAnOrder() throws Exception {
    Files.createDirectories(WORK_DIR);
    int s3Port = OrderTraceCliIT.closedPort();
    s3 = "http://127.0.0.1:" + s3Port;
    processes.add(
        new ProcessBuilder(
                "bash",
                REPO_ROOT.resolve("deploy/local/s3-test-server.sh").toString(),
                Integer.toString(s3Port))
            .redirectErrorStream(true)
            .redirectOutput(WORK_DIR.resolve("moto.log").toFile())
            .start());
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> get(s3 + "/").statusCode() == 200);
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(s3 + "/" + BUCKET))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);

    jaeger =
        JaegerProcess.start(REPO_ROOT, WORK_DIR.resolve("jaeger"), JaegerProcess.Storage.MEMORY);

    int health = OrderTraceCliIT.closedPort();
    int otlpHttp = OrderTraceCliIT.closedPort();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + health);
    env.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + OrderTraceCliIT.closedPort());
    env.put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttp);
    env.put("OTELCOL_STAGE2_ENDPOINT", "127.0.0.1:" + OrderTraceCliIT.closedPort());
    env.put("OTELCOL_STORAGE_DIR", freshDirectory(WORK_DIR.resolve("queue")).toString());
    env.put("OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + OrderTraceCliIT.closedPort());
    env.put("OTELCOL_SELF_METRICS_PORT", Integer.toString(OrderTraceCliIT.closedPort()));
    env.put("OTELCOL_DECISION_WAIT", "2s");
    env.put("JAEGER_OTLP_GRPC_ENDPOINT", jaeger.otlpGrpcEndpoint());
    env.put("ARCHIVE_S3_BUCKET", BUCKET);
    env.put("ARCHIVE_S3_ENDPOINT", s3);
    env.put("AWS_ACCESS_KEY_ID", "test-access-key");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    ProcessBuilder collector =
        new ProcessBuilder(
                collectorBinary().toString(),
                "--config=" + REPO_ROOT.resolve("collector-config/otelcol.yaml"),
                "--config=" + REPO_ROOT.resolve("collector-config/otelcol-archive.yaml"))
            .directory(WORK_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK_DIR.resolve("otelcol.log").toFile());
    collector.environment().putAll(env);
    processes.add(collector.start());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> get("http://127.0.0.1:" + health + "/").statusCode() == 200);

    long t0 = Instant.now().minusSeconds(30).toEpochMilli() * 1_000_000;
    Map<String, String> order = Map.of("order.id", ORDER);
    new OtlpSender()
        .span(
            "shop-api",
            TRACE,
            "1000000000000001",
            null,
            "POST /api/orders",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            0,
            200,
            with(order, "order.stage", "created"),
            null,
            null)
        .span(
            "crm-api",
            TRACE,
            "2000000000000001",
            "1000000000000001",
            "POST /crm/orders",
            SpanKind.SPAN_KIND_SERVER,
            t0,
            10,
            190,
            with(order, "order.stage", "approved"),
            "crm down",
            "java.io.IOException")
        .send("http://127.0.0.1:" + otlpHttp + "/v1/traces");
  }

  @AfterAll
  static void stop() {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void findOnTheArchiveShowsWhatFindOnJaegerShows() {
    // Signed: moto, like S3, refuses anonymous reads of objects the collector wrote with a key.
    Map<String, String> env =
        Map.of(
            "ORDERTRACE_ARCHIVE_URL",
            s3,
            "ORDERTRACE_ARCHIVE_BUCKET",
            BUCKET,
            "ORDERTRACE_STORE_URL",
            jaeger.queryUrl(),
            "AWS_ACCESS_KEY_ID",
            "test-access-key",
            "AWS_SECRET_ACCESS_KEY",
            "test-secret-key");

    String[] fromArchive = {"find", "--order", ORDER, "--since", "1h", "--archive", "--ascii"};
    String archived =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> run(env, fromArchive), out -> out.contains(TRACE));
    String stored = run(env, "find", "--order", ORDER, "--since", "1h", "--ascii");

    assertThat(stored).contains(TRACE);
    // the same table and journey; only the source in the first line differs
    assertThat(archived.lines().skip(1).toList()).isEqualTo(stored.lines().skip(1).toList());
    assertThat(archived)
        .contains("crm-api \"POST /crm/orders\": java.io.IOException: crm down")
        .contains("no activity since");
  }

  private static String run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        env,
        Clock.systemUTC());
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * {@code -Dordertrace.collector.binary}, else the first line of tools/otel-binaries.sh
   * --print-paths.
   */
  private static Path collectorBinary() throws IOException, InterruptedException {
    String property = System.getProperty("ordertrace.collector.binary", "");
    if (!property.isBlank()) {
      return Paths.get(property);
    }
    Process paths =
        new ProcessBuilder(REPO_ROOT.resolve("tools/otel-binaries.sh").toString(), "--print-paths")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(paths.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (paths.waitFor() != 0 || output.isBlank()) {
      throw new IllegalStateException(
          "the collector is not built: run tools/otel-binaries.sh, or pass "
              + "-Dordertrace.collector.binary=/path/to/otelcol-ordertrace");
    }
    return Paths.get(output.lines().findFirst().orElseThrow().strip());
  }

  /** An empty directory: a queue left by an earlier run must not be replayed into this one. */
  private static Path freshDirectory(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(directory);
  }

  private static HttpResponse<Void> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static Map<String, String> with(
      Map<String, String> attributes, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(attributes);
    copy.put(key, value);
    return copy;
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 0x10;
    return HexFormat.of().formatHex(id);
  }
}
