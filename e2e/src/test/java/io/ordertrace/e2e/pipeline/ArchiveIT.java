/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static io.ordertrace.e2e.pipeline.Spans.newTraceId;
import static io.ordertrace.e2e.pipeline.Spans.nowNanos;
import static io.ordertrace.e2e.pipeline.Spans.postAccepted;
import static io.ordertrace.e2e.pipeline.Spans.rootSpan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrace.cli.Main;
import io.ordertrace.testing.JaegerProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The archive (P3): the gateway collector with collector-config/otelcol-archive.yaml writes every
 * kept span to a real S3 API server on loopback (moto) as gzip'd OTLP/JSON under {@code
 * traces/year=/month=/day=/hour=}, while Jaeger (Badger with a short retention) expires them from
 * the hot store; the order is then only in the archive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveIT {
  static final String BUCKET = "ordertrace-archive";
  private static final Pattern KEY = Pattern.compile("<Key>([^<]+)</Key>");

  /**
   * moto serves anonymous requests as an anonymous user, whom private objects refuse (403); any
   * SigV4-shaped header makes the request an authenticated one (moto checks no signatures).
   */
  private static final String AUTHORIZATION =
      "AWS4-HMAC-SHA256 Credential=test-access-key/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00";

  private PipelineProcesses processes;
  private JaegerProcess jaeger;
  private PipelineProcesses.Collector collector;
  private String s3;

  @BeforeAll
  void start() throws Exception {
    processes = new PipelineProcesses("ArchiveIT");
    int s3Port = PipelineProcesses.freePort();
    s3 = "http://127.0.0.1:" + s3Port;
    processes.start(
        "moto-s3",
        List.of(
            processes.repo.resolve("deploy/local/s3-test-server.sh").toString(),
            Integer.toString(s3Port)),
        Map.of(),
        s3 + "/",
        false);
    HttpResponse<String> bucket =
        Spans.HTTP.send(
            HttpRequest.newBuilder(URI.create(s3 + "/" + BUCKET))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bucket.statusCode()).as("bucket created: " + bucket.body()).isEqualTo(200);
    jaeger =
        processes.jaeger("jaeger", JaegerProcess.Storage.BADGER, Map.of("JAEGER_RETENTION", "5s"));
    collector =
        processes
        .new Collector(
            "otelcol-archive",
            List.of("collector-config/otelcol.yaml", "collector-config/otelcol-archive.yaml"),
            Map.of(
                "JAEGER_OTLP_GRPC_ENDPOINT",
                jaeger.otlpGrpcEndpoint(),
                "ARCHIVE_S3_BUCKET",
                BUCKET,
                "ARCHIVE_S3_ENDPOINT",
                s3,
                "AWS_ACCESS_KEY_ID",
                "test-access-key",
                "AWS_SECRET_ACCESS_KEY",
                "test-secret-key"));
  }

  @AfterAll
  void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void keptSpansLandInTheBucketByDayAndOutliveTheHotStore() {
    String traceId = newTraceId();
    String orderId = "arch-" + System.nanoTime();
    postAccepted(
        collector.tracesUrl(),
        "archive-test",
        rootSpan(traceId, "POST /api/orders", nowNanos(), 4, Map.of("order.id", orderId)));

    List<String> keys = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              keys.clear();
              keys.addAll(objectKeys());
              assertThat(keys.stream().map(this::objectText))
                  .anySatisfy(text -> assertThat(text).contains(orderId));
            });
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    assertThat(keys)
        .allSatisfy(
            key ->
                assertThat(key)
                    .startsWith(
                        String.format(
                            "traces/year=%d/month=%02d/day=", now.getYear(), now.getMonthValue()))
                    .matches(
                        "traces/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}/[^/]+\\.json\\.gz"));

    // the hot store forgets the order after its retention; the archive still has it
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                Spans.searchByTag(jaeger.queryUrl(), "order.id", orderId).isEmpty()
                    && Spans.trace(jaeger.queryUrl(), traceId).isEmpty());
    assertThat(objectKeys().stream().map(this::objectText))
        .anySatisfy(text -> assertThat(text).contains(orderId));

    // support reads it back with the CLI: the hot store says "not found", the archive has it
    Map<String, String> env =
        Map.of(
            "ORDERTRACE_STORE_URL",
            jaeger.queryUrl(),
            "ORDERTRACE_ARCHIVE_URL",
            s3,
            "ORDERTRACE_ARCHIVE_BUCKET",
            BUCKET,
            "AWS_ACCESS_KEY_ID",
            "test-access-key",
            "AWS_SECRET_ACCESS_KEY",
            "test-secret-key");
    ByteArrayOutputStream hot = new ByteArrayOutputStream();
    assertThat(
            Main.run(
                new String[] {"find", "--order", orderId, "--since", "1h"},
                new PrintStream(hot, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                env,
                Clock.systemUTC()))
        .as("exit code of find on the hot store (1 = not found)")
        .isEqualTo(1);
    ByteArrayOutputStream archived = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {"find", "--order", orderId, "--since", "1h", "--archive", "--ascii"},
            new PrintStream(archived, true, StandardCharsets.UTF_8),
            new PrintStream(errors, true, StandardCharsets.UTF_8),
            env,
            Clock.systemUTC());
    assertThat(exit).as("find --archive: %s", errors).isZero();
    assertThat(archived.toString(StandardCharsets.UTF_8))
        .contains(traceId)
        .contains("archive-test");
  }

  /** Every object key in the bucket (ListObjectsV2; the test writes far fewer than 1000). */
  List<String> objectKeys() {
    String listing;
    try {
      listing =
          Spans.HTTP
              .send(
                  HttpRequest.newBuilder(
                          URI.create(s3 + "/" + BUCKET + "?list-type=2&prefix=traces/"))
                      .header("Authorization", AUTHORIZATION)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<String> keys = new ArrayList<>();
    Matcher m = KEY.matcher(listing);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /** An object's content, gunzipped. */
  String objectText(String key) {
    try {
      HttpResponse<byte[]> r =
          Spans.HTTP.send(
              HttpRequest.newBuilder(URI.create(s3 + "/" + BUCKET + "/" + key))
                  .header("Authorization", AUTHORIZATION)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as("GET %s", key).isEqualTo(200);
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
