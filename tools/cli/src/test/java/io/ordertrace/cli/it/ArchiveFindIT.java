/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli.it;

import static io.ordertrace.cli.it.OrderTraceCliIT.run;
import static io.ordertrace.cli.it.OrderTraceCliIT.runScript;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrace.cli.it.OrderTraceCliIT.Run;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code find --archive} against a real S3 API server on loopback (moto, from
 * deploy/local/s3-test-server.sh): objects laid out exactly as the collector's awss3exporter
 * v0.158.0 writes them with collector-config/otelcol-archive.yaml ({@code
 * traces/year=YYYY/month=MM/day=DD/hour=HH/traces_<random>.json.gz}, OTLP JSON as pdata's JSON
 * marshaler writes it, gzip), one order's spans spread over several objects and days, mixed with
 * another order's (P3).
 */
class ArchiveFindIT {

  private static final Path REPO_ROOT = RepositoryRoot.find();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"))
          .toAbsolutePath()
          .resolve("s3");
  private static final String BUCKET = "ordertrace-archive";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ManagedProcess moto;
  private static String s3;
  private static final String ORDER =
      "ARC-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String PLACED = randomHex(16);
  private static final String SHIPPED = randomHex(16);
  private static final String OTHER = randomHex(16);

  /** The order was placed yesterday and shipped an hour ago: two days of partitions. */
  // one clock reading for the class: @BeforeAll archives spans at these times, the tests query them
  @SuppressWarnings("TimeInStaticInitializer")
  private static final Instant NOW = Instant.now();

  private static final Instant YESTERDAY = NOW.minus(Duration.ofHours(26));
  private static final Instant AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));

  @BeforeAll
  static void startS3AndArchiveAnOrder() throws Exception {
    int port = ManagedProcess.freePort();
    s3 = "http://127.0.0.1:" + port;
    moto = startS3(WORK_DIR, port);
    assertThat(put("/" + BUCKET, new byte[0])).isEqualTo(200);

    // Flush 1, yesterday: the order is placed (shop-api -> crm-api), next to another order.
    archive(
        YESTERDAY,
        document(
            resource(
                "shop-api",
                span(
                    PLACED,
                    "1000000000000001",
                    null,
                    "POST /api/orders",
                    2,
                    YESTERDAY,
                    120,
                    Map.of("order.id", ORDER, "order.stage", "created"),
                    null),
                span(
                    OTHER,
                    "9000000000000001",
                    null,
                    "POST /api/orders",
                    2,
                    YESTERDAY,
                    50,
                    Map.of("order.id", ORDER + "-other"),
                    null)),
            resource(
                "crm-api",
                span(
                    PLACED,
                    "2000000000000001",
                    "1000000000000001",
                    "POST /crm/orders",
                    2,
                    YESTERDAY.plusMillis(10),
                    100,
                    Map.of("order.id", ORDER, "order.stage", "approved"),
                    null))));
    // Flushes 2 and 3, an hour ago, from two collectors: the shipping trace split across objects,
    // its first attempt failing.
    archive(
        AN_HOUR_AGO,
        document(
            resource(
                "mes-api",
                span(
                    SHIPPED,
                    "3000000000000001",
                    null,
                    "POST /mes/orders/{id}/ship",
                    2,
                    AN_HOUR_AGO,
                    300,
                    Map.of("order.id", ORDER, "order.stage", "shipped"),
                    null))));
    archive(
        AN_HOUR_AGO,
        document(
            resource(
                "mes-api",
                span(
                    SHIPPED,
                    "3000000000000002",
                    "3000000000000001",
                    "carrier booking",
                    3,
                    AN_HOUR_AGO.plusMillis(10),
                    100,
                    Map.of("order.id", ORDER),
                    "java.net.SocketTimeoutException"))));
    // Something that is not OTLP JSON under the same prefix is skipped, not fatal.
    assertThat(
            put(
                "/" + BUCKET + "/" + partition(AN_HOUR_AGO) + "traces_1.binpb",
                new byte[] {1, 2, 3}))
        .isEqualTo(200);
  }

  @AfterAll
  static void stopS3() {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void findReadsTheOrderBackFromTheArchiveWithItsJourney() {
    Run run =
        run(
            archiveEnv(),
            "find",
            "--order",
            ORDER,
            "--since",
            "2d",
            "--archive",
            "--archive-url",
            s3,
            "--ascii");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "order "
                + ORDER
                + ": 2 traces in the last 2d (archive s3://"
                + BUCKET
                + "/traces at "
                + s3
                + ")");
    assertThat(lines.get(3))
        .contains(PLACED)
        .contains("shop-api POST /api/orders")
        .contains("shop-api > crm-api")
        .contains("created,approved")
        .contains("OK");
    assertThat(lines.get(4))
        .contains(SHIPPED)
        .contains("mes-api POST /mes/orders/{id}/ship")
        .contains("ERROR")
        .endsWith("mes-api carrier booking");
    assertThat(lines.get(6)).isEqualTo("journey of order " + ORDER);
    assertThat(lines.get(7)).matches("  \\S+Z  created   shop-api");
    assertThat(lines.get(8)).matches("  \\S+Z  approved  crm-api");
    assertThat(lines.get(9)).matches("  \\S+Z  shipped   mes-api");
    assertThat(lines.get(10))
        .contains("first failure: ")
        .contains("mes-api \"carrier booking\": java.net.SocketTimeoutException");
    assertThat(lines.get(11)).startsWith("  finished: shipped at ");
    assertThat(run.out()).doesNotContain(OTHER);
  }

  @Test
  void theWindowDecidesWhichDaysAreRead() {
    Run lastHours =
        run(
            archiveEnv(),
            "find",
            "--order",
            ORDER,
            "--since",
            "3h",
            "--archive",
            "--archive-url",
            s3,
            "--json");

    assertThat(lastHours.code()).as(lastHours.err()).isEqualTo(0);
    assertThat(lastHours.out()).contains(SHIPPED).doesNotContain(PLACED);
  }

  @Test
  void anOrderNotInTheArchiveExitsOne() {
    Run run =
        run(
            archiveEnv(),
            "find",
            "--order",
            "NOT-ARCHIVED",
            "--since",
            "2d",
            "--archive",
            "--archive-url",
            s3);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("no traces found for order NOT-ARCHIVED in the last 2d (archive s3://");
  }

  @Test
  void aMissingBucketIsAStoreErrorAndAClosedPortIsUnreachable() throws IOException {
    Run noBucket =
        run(
            archiveEnv(),
            "find",
            "--order",
            ORDER,
            "--archive",
            "--archive-url",
            s3,
            "--bucket",
            "no-such-bucket");
    assertThat(noBucket.code()).isEqualTo(3);
    assertThat(noBucket.err()).hasLineCount(1).contains("answered HTTP 404: NoSuchBucket");

    String closed = "http://127.0.0.1:" + ManagedProcess.freePort();
    Run unreachable =
        run(archiveEnv(), "find", "--order", ORDER, "--archive", "--archive-url", closed);
    assertThat(unreachable.code()).isEqualTo(2);
    assertThat(unreachable.err())
        .hasLineCount(1)
        .startsWith("ordertrace: cannot reach the archive at " + closed);
  }

  @Test
  void binOrdertraceReadsTheArchiveWithTheCollectorsVariables() throws Exception {
    Map<String, String> env = new HashMap<>(archiveEnv());
    env.put("ARCHIVE_S3_ENDPOINT", s3);
    env.put("ARCHIVE_S3_BUCKET", BUCKET);
    Run run = runScript(env, "find", "--order", ORDER, "--since", "2d", "--archive");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains(PLACED).contains(SHIPPED).contains("finished: shipped");
  }

  /** Signed requests, as against a real S3 (moto accepts any key). */
  private static Map<String, String> archiveEnv() {
    return Map.of(
        "ORDERTRACE_ARCHIVE_BUCKET",
        BUCKET,
        "AWS_ACCESS_KEY_ID",
        "test-access-key",
        "AWS_SECRET_ACCESS_KEY",
        "test-secret-key");
  }

  /**
   * A loopback S3 API server (moto, from deploy/local/s3-test-server.sh) on {@code port}, its log
   * {@code workDir/moto.log}; ready when {@code GET /} answers 200. The first run installs moto
   * from PyPI into the cache: it may take minutes.
   */
  static ManagedProcess startS3(Path workDir, int port) {
    return ManagedProcess.builder(
            "moto",
            List.of(
                "bash",
                REPO_ROOT.resolve("deploy/local/s3-test-server.sh").toString(),
                Integer.toString(port)))
        .log(workDir.resolve("moto.log"))
        .readyWhenHttpOk("http://127.0.0.1:" + port + "/")
        .readyTimeout(Duration.ofMinutes(5))
        .start();
  }

  /** The exporter's key prefix for an upload at {@code when}: s3_prefix, then the UTC partition. */
  private static String partition(Instant when) {
    ZonedDateTime t = when.atZone(ZoneOffset.UTC);
    return String.format(
        "traces/year=%04d/month=%02d/day=%02d/hour=%02d/",
        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
  }

  /**
   * Uploads one gzip'd OTLP JSON object as the exporter names it: traces_<9 random digits>.json.gz.
   */
  private static void archive(Instant uploadedAt, ObjectNode document) throws Exception {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(JSON.writeValueAsBytes(document));
    }
    String key =
        partition(uploadedAt)
            + "traces_"
            + (100_000_000 + ThreadLocalRandom.current().nextInt(899_999_999))
            + ".json.gz";
    assertThat(put("/" + BUCKET + "/" + key, gzipped.toByteArray())).isEqualTo(200);
  }

  private static int put(String path, byte[] body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(s3 + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static ObjectNode document(ObjectNode... resources) {
    ObjectNode document = JSON.createObjectNode();
    ArrayNode resourceSpans = document.putArray("resourceSpans");
    for (ObjectNode resource : resources) {
      resourceSpans.add(resource);
    }
    return document;
  }

  /** pdata's JSON: hex ids, numeric kind and status code, times as strings, scopeSpans. */
  private static ObjectNode resource(String service, ObjectNode... spans) {
    ObjectNode resource = JSON.createObjectNode();
    resource
        .putObject("resource")
        .set("attributes", attributes(Map.of("service.name", service, "host.name", "h1")));
    ObjectNode scope = resource.putArray("scopeSpans").addObject();
    scope.putObject("scope").put("name", "io.opentelemetry.tomcat-10.0");
    ArrayNode list = scope.putArray("spans");
    for (ObjectNode span : spans) {
      list.add(span);
    }
    return resource;
  }

  private static ObjectNode span(
      String traceId,
      String spanId,
      String parent,
      String name,
      int kind,
      Instant start,
      long durationMs,
      Map<String, String> attributes,
      String exceptionType) {
    ObjectNode span = JSON.createObjectNode();
    span.put("traceId", traceId).put("spanId", spanId);
    if (parent != null) {
      span.put("parentSpanId", parent);
    }
    long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    span.put("name", name)
        .put("kind", kind)
        .put("startTimeUnixNano", Long.toString(startNanos))
        .put("endTimeUnixNano", Long.toString(startNanos + durationMs * 1_000_000));
    span.set("attributes", attributes(attributes));
    if (exceptionType != null) {
      ObjectNode event = span.putArray("events").addObject();
      event
          .put("timeUnixNano", Long.toString(startNanos + durationMs * 1_000_000))
          .put("name", "exception");
      event.set(
          "attributes",
          attributes(
              Map.of("exception.type", exceptionType, "exception.message", "read timed out")));
      span.putObject("status").put("code", 2);
    } else {
      span.putObject("status");
    }
    return span;
  }

  private static ArrayNode attributes(Map<String, String> attributes) {
    ArrayNode list = JSON.createArrayNode();
    attributes.forEach(
        (key, value) ->
            list.addObject().put("key", key).putObject("value").put("stringValue", value));
    return list;
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 0x10;
    return HexFormat.of().formatHex(id);
  }
}
