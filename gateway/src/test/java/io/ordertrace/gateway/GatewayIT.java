package io.ordertrace.gateway;

import io.ordertrace.testing.TempoProcess;
import io.ordertrace.testing.OtlpSender;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway in front of a real Tempo holding two orders' traces (one with an error) and one
 * trace without {@code order.id}: what each role may do, forged callers, malformed TraceQL, an
 * unreachable Tempo, and the audit line of every request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

  private static final Path REPO_ROOT =
      Paths.get(System.getProperty("ordertrace.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/tempo-it")).toAbsolutePath();
  private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(90);
  private static final String SECRET = "it-secret-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private static TempoProcess tempo;
  private static GatewayServer gateway;
  private static AuditLog audit;
  private static Path auditFile;
  private static String orderA;
  private static String orderB;
  private static String traceA;
  private static String traceB;
  private static String traceWithoutOrder;
  private static long start;
  private static long end;

  record Reply(int status, String body) {}

  @BeforeAll
  static void startTempoAndGateway() throws Exception {
    tempo = TempoProcess.start(REPO_ROOT, WORK_DIR);
    String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    orderA = "GW-A-" + run;
    orderB = "GW-B-" + run;
    traceA = randomHex(16);
    traceB = randomHex(16);
    traceWithoutOrder = randomHex(16);
    long t0 = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;
    new OtlpSender()
        .span("shop-api", traceA, "1000000000000001", null, "POST /api/orders", SpanKind.SPAN_KIND_SERVER,
            t0, 0, 200, Map.of("order.id", orderA, "user.id", "u-1", "order.stage", "created"), null, null)
        .span("crm-api", traceA, "1000000000000002", "1000000000000001", "POST /crm/orders", SpanKind.SPAN_KIND_SERVER,
            t0, 20, 180, Map.of("order.id", orderA, "order.stage", "approved"), null, null)
        .span("shop-api", traceB, "2000000000000001", null, "POST /api/orders", SpanKind.SPAN_KIND_SERVER,
            t0, 0, 300, Map.of("order.id", orderB, "user.id", "u-2", "order.stage", "created"), null, null)
        .span("mes-api", traceB, "2000000000000002", "2000000000000001", "order.approved process", SpanKind.SPAN_KIND_CONSUMER,
            t0, 50, 250, Map.of("order.id", orderB, "order.stage", "in_production"), "insert failed", "java.sql.SQLException")
        .span("batch-job", traceWithoutOrder, "3000000000000001", null, "nightly report", SpanKind.SPAN_KIND_INTERNAL,
            t0, 0, 100, Map.of("report.kind", "nightly"), null, null)
        .send(tempo.otlpTracesUrl());
    start = Instant.now().minusSeconds(3600).getEpochSecond();
    end = Instant.now().plusSeconds(3600).getEpochSecond();
    awaitSearchable();

    auditFile = WORK_DIR.resolve("audit.log");
    Files.deleteIfExists(auditFile);
    audit = AuditLog.toFile(auditFile);
    gateway = GatewayServer.start(config(tempo.url(), auditFile), audit);
  }

  @AfterAll
  static void stop() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    if (audit != null) {
      audit.close();
    }
    if (tempo != null) {
      tempo.close();
    }
  }

  // ---- Support ----

  @Test
  @Order(1)
  void supportSearchByOrderIdReturnsTheOrdersTraces() throws Exception {
    String q = "{ span.order.id = \"" + orderA + "\" }";
    Reply reply = get("support", "jane.support", "/api/search?" + search(q));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains(traceA).doesNotContain(traceB).doesNotContain(traceWithoutOrder);
    assertThat(lastAuditLine())
        .contains("\"user\":\"jane.support\"", "\"role\":\"support\"", "\"caller\":\"secret\"",
            "\"client\":\"127.0.0.1\"", "\"method\":\"GET\"", "\"path\":\"/api/search\"",
            "\"query\":" + Json.quote(q), "\"decision\":\"allowed\"", "\"status\":200",
            "\"upstream_status\":200", "\"result_count\":1", "\"duration_ms\":");
  }

  @Test
  @Order(2)
  void supportSearchWithMoreConditionsFindsTheFailedOrder() throws Exception {
    String q = "{ span.order.id = \"" + orderB + "\" && status = error }";
    Reply reply = get("support", "jane.support", "/api/search?" + search(q));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains(traceB).doesNotContain(traceA);
    assertThat(lastAuditLine()).contains("\"decision\":\"allowed\"", "\"result_count\":1");
  }

  @Test
  @Order(2)
  void supportMayRunTheOrderLookupDashboardsProjection() throws Exception {
    // the "Errors of the order" panel of grafana/dashboards/support/order-lookup.json
    String q = "{ span.order.id = \"" + orderB + "\" && status = error } | select(statusMessage, resource.service.name, name)";
    Reply reply = get("support", "jane.support", "/api/search?" + search(q));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains(traceB).doesNotContain(traceA);
    assertThat(lastAuditLine()).contains("\"decision\":\"allowed\"", "\"query\":" + Json.quote(q));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ status = error }",
      "{ span.user.id = \"u-1\" }",
      "{ span.order.id = \"ORDER\" || status = error }",
      "{ span.order.id =~ \".*\" }",
      "{ span.order.id = \"ORDER\" } | count() > 0",
      "{ span.order.id = \"ORDER\" } | select(span.user.id) | count() > 0",
      "{ span.order.id = \"ORDER\" } >> { }",
  })
  @Order(3)
  void supportSearchNotConstrainedToOneOrderIsForbidden(String template) throws Exception {
    String q = template.replace("ORDER", orderA);
    Reply reply = get("support", "jane.support", "/api/search?" + search(q));

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.body()).doesNotContain(traceA).startsWith("{\"error\":");
    assertThat(lastAuditLine())
        .contains("\"user\":\"jane.support\"", "\"role\":\"support\"", "\"query\":" + Json.quote(q),
            "\"decision\":\"denied\"", "\"status\":403", "\"upstream_status\":null", "\"result_count\":null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/search/tags", "/api/v2/search/tags", "/api/v2/search/tag/span.order.id/values",
      "/api/search?tags=order.id%3D1"})
  @Order(4)
  void supportTagListingIsForbidden(String path) throws Exception {
    Reply reply = get("support", "jane.support", path);

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(lastAuditLine()).contains("\"decision\":\"denied\"", "\"status\":403");
  }

  @Test
  @Order(5)
  void supportMayListOrderStages() throws Exception {
    Reply reply = get("support", "jane.support", "/api/v2/search/tag/span.order.stage/values");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("in_production");
    assertThat(lastAuditLine()).contains("\"decision\":\"allowed\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/traces/", "/api/v2/traces/"})
  @Order(6)
  void supportFetchesAnOrderTrace(String prefix) throws Exception {
    Reply reply = get("support", "jane.support", prefix + traceA);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains(orderA);
    assertThat(lastAuditLine())
        .contains("\"path\":\"" + prefix + traceA + "\"", "\"decision\":\"allowed\"", "\"status\":200",
            "\"upstream_status\":200", "\"result_count\":1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/traces/", "/api/v2/traces/"})
  @Order(7)
  void supportCannotFetchATraceWithoutOrderId(String prefix) throws Exception {
    Reply reply = get("support", "jane.support", prefix + traceWithoutOrder);

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.body()).doesNotContain("nightly").contains("no order.id");
    assertThat(lastAuditLine())
        .contains("\"decision\":\"denied\"", "\"reason\":\"trace carries no order.id\"", "\"status\":403",
            "\"upstream_status\":200", "\"result_count\":0");
  }

  @Test
  @Order(8)
  void supportGetsProtobufLikeGrafanaAsksForOnlyAfterTheOrderCheck() throws Exception {
    Map<String, String> headers = new HashMap<>(headers("support", "jane.support"));
    headers.put("Accept", "application/protobuf");

    Reply order = send("GET", "/api/traces/" + traceB, headers);
    Reply other = send("GET", "/api/traces/" + traceWithoutOrder, headers);

    assertThat(order.status()).isEqualTo(200);
    assertThat(order.body()).contains(orderB).doesNotStartWith("{");
    assertThat(other.status()).isEqualTo(403);
    assertThat(lastAuditLine()).contains("\"reason\":\"trace carries no order.id\"");
  }

  // ---- Developer ----

  @Test
  @Order(10)
  void developerSearchesFreely() throws Exception {
    String q = "{ resource.service.name = \"batch-job\" || span.order.id =~ \"GW-.*\" }";
    Reply reply = get("developer", "dev.bob", "/api/search?" + search(q));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains(traceWithoutOrder).contains(traceA).contains(traceB);
    assertThat(lastAuditLine())
        .contains("\"user\":\"dev.bob\"", "\"role\":\"developer\"", "\"query\":" + Json.quote(q),
            "\"decision\":\"allowed\"", "\"result_count\":3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/traces/", "/api/v2/traces/"})
  @Order(11)
  void developerFetchesAnyTrace(String prefix) throws Exception {
    Reply reply = get("developer", "dev.bob", prefix + traceWithoutOrder);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("nightly");
    assertThat(lastAuditLine()).contains("\"decision\":\"allowed\"", "\"result_count\":1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v2/search/tags", "/api/search/tags", "/api/echo", "/ready",
      "/api/v2/search/tag/resource.service.name/values"})
  @Order(12)
  void developerReadsTheQueryApi(String path) throws Exception {
    Reply reply = get("developer", "dev.bob", path);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(lastAuditLine()).contains("\"decision\":\"allowed\"", "\"upstream_status\":200");
  }

  // ---- Nobody ----

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "support,   DELETE, /api/traces/TRACE",
      "developer, DELETE, /api/traces/TRACE",
      "support,   POST,   /api/search",
      "developer, POST,   /api/search",
      "support,   GET,    /flush",
      "developer, GET,    /flush",
      "developer, POST,   /flush",
      "developer, GET,    /shutdown",
      "support,   GET,    /api/overrides",
      "developer, GET,    /api/overrides",
      "developer, POST,   /api/overrides",
      "developer, GET,    /status/config",
      "developer, GET,    /memberlist",
      "developer, GET,    /ingester/shutdown",
      "developer, GET,    /compactor/ring",
      "developer, GET,    /metrics",
  })
  @Order(20)
  void nobodyWritesOrAdministers(String role, String method, String path) throws Exception {
    Reply reply = send(method, path.replace("TRACE", traceA), headers(role, "someone"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(lastAuditLine())
        .contains("\"role\":\"" + role + "\"", "\"method\":\"" + method + "\"", "\"decision\":\"denied\"",
            "\"upstream_status\":null");
  }

  @Test
  @Order(21)
  void tempoStillHasTheTracesAfterTheDeniedWrites() throws Exception {
    Reply reply = get("developer", "dev.bob", "/api/traces/" + traceA);

    assertThat(reply.status()).isEqualTo(200);
  }

  // ---- Forged identity ----

  @Test
  @Order(30)
  void headersWithoutTheSecretAreRejected() throws Exception {
    Map<String, String> headers = new HashMap<>(headers("developer", "mallory"));
    headers.remove(CallerAuthenticator.SECRET_HEADER);
    String q = "{ span.order.id = \"" + orderA + "\" }";

    Reply reply = send("GET", "/api/search?" + search(q), headers);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(lastAuditLine())
        .contains("\"user\":null", "\"role\":null", "\"caller\":\"none\"", "\"query\":" + Json.quote(q),
            "\"decision\":\"denied\"", "\"status\":401");
  }

  @Test
  @Order(31)
  void aWrongSecretIsRejected() throws Exception {
    Map<String, String> headers = new HashMap<>(headers("developer", "mallory"));
    headers.put(CallerAuthenticator.SECRET_HEADER, SECRET + "x");

    Reply reply = send("GET", "/api/traces/" + traceA, headers);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).doesNotContain(orderA);
    assertThat(lastAuditLine()).contains("\"caller\":\"none\"", "\"status\":401").doesNotContain("mallory");
  }

  @Test
  @Order(32)
  void aMissingUserHeaderIsRejected() throws Exception {
    Map<String, String> headers = new HashMap<>(headers("developer", "x"));
    headers.remove(GatewayServer.USER_HEADER);

    Reply reply = send("GET", "/api/traces/" + traceA, headers);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).contains("X-Grafana-User");
    assertThat(lastAuditLine()).contains("\"caller\":\"secret\"", "\"user\":null", "\"status\":401");
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "Developer", "support,developer", ""})
  @Order(33)
  void anUnknownRoleIsForbidden(String role) throws Exception {
    Reply reply = send("GET", "/api/traces/" + traceA, headers(role, "eve"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(lastAuditLine()).contains("\"user\":\"eve\"", "\"reason\":\"unknown role\"", "\"status\":403");
  }

  // ---- Malformed TraceQL ----

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "support   | { span.order.id = \"1\" ",
      "developer | { span.order.id = \"1\" ",
      "support   | }}}",
      "developer | }}}",
  })
  @Order(40)
  void malformedTraceQlIsABadRequest(String role, String q) throws Exception {
    Reply reply = get(role, "someone", "/api/search?" + search(q));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).startsWith("{\"error\":\"malformed TraceQL: ");
    assertThat(lastAuditLine())
        .contains("\"query\":" + Json.quote(q), "\"decision\":\"denied\"", "\"status\":400",
            "\"reason\":\"malformed TraceQL: ");
  }

  // ---- Upstream down ----

  @Test
  @Order(50)
  void anUnreachableTempoIsABadGateway() throws Exception {
    Path downAudit = WORK_DIR.resolve("audit-down.log");
    Files.deleteIfExists(downAudit);
    String down = "http://127.0.0.1:" + closedPort();
    try (AuditLog log = AuditLog.toFile(downAudit);
        GatewayServer downGateway = GatewayServer.start(config(down, downAudit), log)) {
      String q = "{ span.order.id = \"" + orderA + "\" }";
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(downGateway.url() + "/api/search?" + search(q)));
      headers("support", "jane.support").forEach(request::header);

      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).isEqualTo(Json.error("cannot reach Tempo at " + down + " (connection refused)"));
      List<String> lines = Files.readAllLines(downAudit);
      assertThat(lines).singleElement().asString()
          .contains("\"user\":\"jane.support\"", "\"decision\":\"denied\"", "\"status\":502",
              "\"reason\":\"cannot reach Tempo at " + down);
    }
  }

  // ---- The audit log as a whole ----

  @Test
  @Order(100)
  void everyRequestWasAuditedOnceAndTheSecretNever() throws Exception {
    String text = Files.readString(auditFile);
    List<String> lines = text.lines().toList();

    assertThat(lines).hasSize(REQUESTS.get());
    assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"ts\":\"").endsWith("}")
        .containsPattern("\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\""));
    assertThat(text).doesNotContain(SECRET).doesNotContainIgnoringCase("X-Ordertrace-Gateway-Secret");
  }

  // ---- helpers ----

  private static GatewayConfig config(String tempoUrl, Path audit) throws ConfigException {
    return GatewayConfig.from(Map.of(
        "GATEWAY_LISTEN", "127.0.0.1:0",
        "GATEWAY_TEMPO_URL", tempoUrl,
        "GATEWAY_SHARED_SECRET", SECRET,
        "GATEWAY_AUDIT_LOG", audit.toString(),
        "GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "20"));
  }

  private static Map<String, String> headers(String role, String user) {
    return Map.of(
        CallerAuthenticator.SECRET_HEADER, SECRET,
        GatewayServer.USER_HEADER, user,
        GatewayServer.ROLE_HEADER, role);
  }

  private static Reply get(String role, String user, String pathAndQuery) throws Exception {
    return send("GET", pathAndQuery, headers(role, user));
  }

  private static Reply send(String method, String pathAndQuery, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    REQUESTS.incrementAndGet();
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  private static String search(String q) {
    return "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end;
  }

  private static String lastAuditLine() throws IOException {
    List<String> lines = Files.readAllLines(auditFile);
    assertThat(lines).hasSize(REQUESTS.get());
    return lines.get(lines.size() - 1);
  }

  /** Until Tempo's own search finds both orders and the trace without an order. */
  private static void awaitSearchable() throws Exception {
    long deadline = System.nanoTime() + SEARCH_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      String q = "{ span.order.id = \"" + orderA + "\" || span.order.id = \"" + orderB
          + "\" || resource.service.name = \"batch-job\" }";
      HttpResponse<String> response =
          HTTP.send(HttpRequest.newBuilder(URI.create(tempo.url() + "/api/search?" + search(q))).build(),
              HttpResponse.BodyHandlers.ofString());
      last = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200 && response.body().contains(traceA) && response.body().contains(traceB)
          && response.body().contains(traceWithoutOrder)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("Tempo's search did not find the traces within " + SEARCH_TIMEOUT + ": " + last
        + "\n" + tempo.logTail());
  }

  /**
   * Tempo's search answers trace ids without their leading zeros ("0f64..." comes back as
   * "f64..."), so ids here never start with one: the tests compare ids as text.
   */
  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 0x10;
    return HexFormat.of().formatHex(random);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
