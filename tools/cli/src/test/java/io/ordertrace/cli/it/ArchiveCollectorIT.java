/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.cli.Main;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.CollectorProcess;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpSender;
import io.ordertrace.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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

  private static final Path REPO_ROOT = RepositoryRoot.find().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"))
          .toAbsolutePath()
          .resolve("collector");
  private static final String BUCKET = "ordertrace-archive";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ManagedProcess moto;
  private static JaegerProcess jaeger;
  private static CollectorProcess collector;
  private static String s3;
  private static final String ORDER =
      "COL-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String TRACE = randomHex(16);

  @BeforeAll
  static void startThePipelineAndSendAnOrder() throws Exception {
    int s3Port = ManagedProcess.freePort();
    s3 = "http://127.0.0.1:" + s3Port;
    moto = ArchiveFindIT.startS3(WORK_DIR, s3Port);
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

    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTELCOL_DECISION_WAIT", "2s");
    env.put("JAEGER_OTLP_GRPC_ENDPOINT", jaeger.otlpGrpcEndpoint());
    env.put("ARCHIVE_S3_BUCKET", BUCKET);
    env.put("ARCHIVE_S3_ENDPOINT", s3);
    env.put("AWS_ACCESS_KEY_ID", "test-access-key");
    env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
    // its own free ports and an empty queue directory: a queue of an earlier run is not replayed
    collector =
        CollectorProcess.start(
            REPO_ROOT,
            WORK_DIR,
            "otelcol",
            List.of(
                REPO_ROOT.resolve("collector-config/otelcol.yaml"),
                REPO_ROOT.resolve("collector-config/otelcol-archive.yaml")),
            env);

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
        .send(collector.tracesUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    Closeables.closeAll(collector, moto, jaeger);
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
