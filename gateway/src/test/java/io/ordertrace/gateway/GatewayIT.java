/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.store.JaegerQueryClient;
import io.ordertrace.store.StoreException;
import io.ordertrace.store.TraceSearch;
import io.ordertrace.store.TraceSearchResult;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OtlpSender;
import io.ordertrace.testing.RepositoryRoot;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * The gateway in front of a real Jaeger holding three orders' traces (one failed, one with more
 * traces than Support's cap) and two traces without {@code order.id}: the policy table (role x
 * endpoint x parameters), forged callers, bad input, an unreachable Jaeger, bin/ordertrace's client
 * through the gateway, and the audit line of every request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

  private static final Path REPO_ROOT = RepositoryRoot.find().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/jaeger-it"))
          .toAbsolutePath()
          .resolve("gateway");
  private static final String SECRET =
      "it-secret-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  private static final int SUPPORT_CAP = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private static JaegerProcess jaeger;
  private static GatewayServer gateway;
  private static AuditLog audit;
  private static Path auditFile;

  /** Placeholders of the policy table: order ids, trace ids, the time window. */
  private static final Map<String, String> IDS = new LinkedHashMap<>();

  record Reply(int status, String body) {}

  @BeforeAll
  static void startJaegerAndGateway() throws Exception {
    Files.createDirectories(WORK_DIR);
    jaeger = JaegerProcess.start(REPO_ROOT, WORK_DIR, JaegerProcess.Storage.MEMORY);
    String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    IDS.put("{A}", "GW-A-" + run);
    IDS.put("{B}", "GW-B-" + run);
    IDS.put("{C}", "GW-C-" + run);
    for (String trace : List.of("{TA}", "{TB}", "{TC1}", "{TC2}", "{TC3}", "{TN}", "{TU}")) {
      IDS.put(trace, randomHex(16));
    }
    long t0 = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;
    OtlpSender spans =
        new OtlpSender()
            .span(
                "shop-api",
                id("{TA}"),
                "1000000000000001",
                null,
                "POST /api/orders",
                SpanKind.SPAN_KIND_SERVER,
                t0,
                0,
                200,
                Map.of("order.id", id("{A}"), "user.id", "u-1", "order.stage", "created"),
                null,
                null)
            .span(
                "crm-api",
                id("{TA}"),
                "1000000000000002",
                "1000000000000001",
                "POST /crm/orders",
                SpanKind.SPAN_KIND_SERVER,
                t0,
                20,
                180,
                Map.of("order.id", id("{A}"), "order.stage", "approved"),
                null,
                null)
            // a span of an order's trace without order.id: whole traces of an order are the order's
            .span(
                "crm-api",
                id("{TA}"),
                "1000000000000003",
                "1000000000000002",
                "SELECT orders",
                SpanKind.SPAN_KIND_CLIENT,
                t0,
                30,
                60,
                Map.of("db.system", "postgresql"),
                null,
                null)
            .span(
                "shop-api",
                id("{TB}"),
                "2000000000000001",
                null,
                "POST /api/orders",
                SpanKind.SPAN_KIND_SERVER,
                t0,
                0,
                300,
                Map.of("order.id", id("{B}"), "user.id", "u-2", "order.stage", "created"),
                null,
                null)
            .span(
                "mes-api",
                id("{TB}"),
                "2000000000000002",
                "2000000000000001",
                "order.approved process",
                SpanKind.SPAN_KIND_CONSUMER,
                t0,
                50,
                250,
                Map.of(
                    "order.id",
                    id("{B}"),
                    "order.stage",
                    "in_production",
                    "order.stage.failed",
                    "in_production"),
                "insert failed",
                "java.sql.SQLException")
            .span(
                "batch-job",
                id("{TN}"),
                "3000000000000001",
                null,
                "nightly report",
                SpanKind.SPAN_KIND_INTERNAL,
                t0,
                0,
                100,
                Map.of("report.kind", "nightly"),
                null,
                null)
            // user data without an order: Support must never see it
            .span(
                "shop-api",
                id("{TU}"),
                "4000000000000001",
                null,
                "GET /api/profile",
                SpanKind.SPAN_KIND_SERVER,
                t0,
                0,
                50,
                Map.of("user.id", "u-1"),
                null,
                null);
    for (int i = 1; i <= 3; i++) {
      spans.span(
          "shop-api",
          id("{TC" + i + "}"),
          "500000000000000" + i,
          null,
          "GET /api/orders/status",
          SpanKind.SPAN_KIND_SERVER,
          t0 + i * 1_000_000_000L,
          0,
          10,
          Map.of("order.id", id("{C}"), "order.stage", "shipped"),
          null,
          null);
    }
    spans.send(jaeger.otlpTracesUrl());
    IDS.put("{start}", Long.toString(Instant.now().minusSeconds(3600).toEpochMilli() * 1000));
    IDS.put("{end}", Long.toString(Instant.now().plusSeconds(3600).toEpochMilli() * 1000));
    awaitSearchable();

    auditFile = WORK_DIR.resolve("audit.log");
    Files.deleteIfExists(auditFile);
    audit = AuditLog.toFile(auditFile);
    gateway = GatewayServer.start(config(jaeger.queryUrl(), auditFile), audit);
  }

  @AfterAll
  static void stop() throws Exception {
    Closeables.closeAll(gateway, audit, jaeger);
  }

  // ---- the policy table, against the real store ----

  /**
   * role | path and query ({X} placeholders; tags written as JSON) | status | ids the answer must
   * hold (';'-separated) | texts it must not hold | result_count in the audit line (- for none).
   */
  @ParameterizedTest(name = "{0} GET {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Support: type the order id, see its traces, without choosing a service (fan-out)
        "support | /api/traces?tags={\"order.id\":\"{A}\"}&start={start}&end={end}&lookback=custom | 200 | {TA};{A};SELECT orders | {TB};{TN};{TU};{TC1} | 1",
        "support | /api/traces?tags={\"order.id\":\"{B}\"} | 200 | {TB};insert failed | {TA};{TN};{TU} | 1",
        "support | /api/traces?service=mes-api&tags={\"order.id\":\"{B}\"} | 200 | {TB} | {TA} | 1",
        "support | /api/traces?tags={\"order.id\":\"{B}\",\"order.stage\":\"in_production\"} | 200 | {TB} | {TA} | 1",
        "support | /api/traces?tags={\"order.id\":\"{C}\"}&limit=50 | 200 | {C} | {TA};{TB} | 2",
        "support | /api/traces?tags={\"order.id\":\"{B}\",\"order.stage.failed\":\"in_production\"} | 200 | {TB} | {TA} | 1",
        "support | /api/traces?tags={\"order.id\":\"{A}\",\"order.stage.failed\":\"in_production\"} | 200 |  | {TA};{TB} | 0",
        "support | /api/traces?service=batch-job&tags={\"order.id\":\"{A}\"} | 200 |  | {TN};{TA} | 0",
        "support | /api/traces?tags={\"order.id\":\"NO-SUCH-ORDER\"} | 200 |  | {TA};{TB};{TN};{TU} | 0",
        "support | /api/traces/{TA} | 200 | {A};SELECT orders |  | 1",
        "support | /api/traces/{TB}?start={start}&end={end} | 200 | {B} |  | 1",
        "support | /api/services | 200 | shop-api;mes-api |  | -",
        "support | /api/services/shop-api/operations | 200 | POST /api/orders |  | -",
        // Support: no span without order.id, no listing of order.id or user.id values
        "support | /api/traces/{TN} | 403 | no order.id | nightly | 0",
        "support | /api/traces/{TU} | 403 | no order.id | u-1 | 0",
        "support | /api/traces?service=batch-job | 403 | order.id | {TN} | -",
        "support | /api/traces?service=shop-api&tags={\"user.id\":\"u-1\"} | 403 | order.id | {TU};{TA} | -",
        "support | /api/traces?tags={\"order.id\":\"{A}\",\"user.id\":\"u-1\"} | 403 | order.id | {TA} | -",
        "support | /api/traces?tags={\"order.stage\":\"created\"} | 403 | order.id | {TA};{TB} | -",
        "support | /api/traces?tags={\"order.id\":\"{A}\"}&traceID={TN} | 403 | traceID | {TN} | -",
        "support | /api/traces?tags={\"order.id\":\"GW-.*\"} | 400 | order.id must match | {TA};{TB} | -",
        "support | /api/dependencies?endTs={end}&lookback=3600000 | 403 | not allowed | batch-job | -",
        "support | /api/v3/traces/{TN} | 403 | not allowed | nightly | -",
        "support | /api/v3/traces?query.service_name=batch-job | 403 | not allowed | nightly | -",
        // Developer: every read endpoint
        "developer | /api/traces?service=batch-job&start={start}&end={end} | 200 | {TN};nightly | {TA} | 1",
        "developer | /api/traces?tags={\"user.id\":\"u-1\"} | 200 | {TU};{TA} | {TB} | 2",
        "developer | /api/traces?service=shop-api&tags={\"order.id\":\"{C}\"}&limit=50 | 200 | {TC1};{TC2};{TC3} |  | 3",
        "developer | /api/traces/{TN} | 200 | nightly |  | -",
        "developer | /api/v3/traces/{TN} | 200 | nightly |  | -",
        "developer | /api/services | 200 | batch-job |  | -",
        "developer | /api/dependencies?endTs={end}&lookback=3600000 | 200 | data |  | -",
      })
  @Order(1)
  void policyTable(
      String role, String pathAndQuery, int status, String present, String absent, String count)
      throws Exception {
    Reply reply =
        get(role, role.equals("support") ? "jane.support" : "dev.bob", fill(pathAndQuery));

    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    for (String text : words(present)) {
      assertThat(reply.body()).contains(text);
    }
    for (String text : words(absent)) {
      assertThat(reply.body()).doesNotContain(text);
    }
    JsonNode line = lastAuditLine();
    assertThat(line.get("role").asText()).isEqualTo(role);
    assertThat(line.get("status").asInt()).isEqualTo(status);
    assertThat(line.get("decision").asText()).isEqualTo(status == 200 ? "allowed" : "denied");
    assertThat(line.get("result_count").isNull() ? "-" : line.get("result_count").asText())
        .isEqualTo(count);
    if (status == 400 || (status == 403 && !pathAndQuery.startsWith("/api/traces/"))) {
      assertThat(line.get("upstream_status").isNull()).as("refused without asking Jaeger").isTrue();
    }
  }

  @Test
  @Order(2)
  void supportSearchAnswersJaegersShapeWithWholeTracesOfTheOrder() throws Exception {
    Reply reply = get("support", "jane.support", fill("/api/traces?tags={\"order.id\":\"{A}\"}"));

    JsonNode answer = JSON.readTree(reply.body());
    assertThat(answer.get("data")).hasSize(1);
    JsonNode trace = answer.get("data").get(0);
    assertThat(trace.get("traceID").asText()).isEqualTo(id("{TA}"));
    assertThat(trace.get("spans")).hasSize(3);
    assertThat(trace.get("processes").size()).isGreaterThanOrEqualTo(2);
    assertThat(answer.get("errors").isNull()).isTrue();
    JsonNode line = lastAuditLine();
    assertThat(line.get("query").get("tags").asText())
        .isEqualTo("{\"order.id\":\"" + id("{A}") + "\"}");
    assertThat(line.get("reason").asText()).contains("fanned out");
  }

  // ---- nobody writes, deletes or administers ----

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "support,   DELETE, /api/traces/{TA}",
    "developer, DELETE, /api/traces/{TA}",
    "developer, POST,   /api/archive/{TA}",
    "developer, GET,    /api/archive/{TA}",
    "developer, POST,   /api/traces",
    "developer, PUT,    /api/services",
    "developer, POST,   /api/transform",
    "developer, GET,    /",
    "developer, GET,    /metrics",
    "developer, GET,    /static/index.html",
  })
  @Order(20)
  void nobodyWritesOrAdministers(String role, String method, String path) throws Exception {
    Reply reply = send(method, fill(path), headers(role, "someone"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    JsonNode line = lastAuditLine();
    assertThat(line.get("method").asText()).isEqualTo(method);
    assertThat(line.get("decision").asText()).isEqualTo("denied");
    assertThat(line.get("upstream_status").isNull()).isTrue();
  }

  @Test
  @Order(21)
  void jaegerStillHasTheTraceAfterTheRefusedDelete() throws Exception {
    assertThat(get("developer", "dev.bob", fill("/api/traces/{TA}")).status()).isEqualTo(200);
  }

  // ---- forged or missing identity, bad input ----

  @Test
  @Order(30)
  void withoutTheSecretNothingOfTheCallerIsTrustedAndLittleIsLogged() throws Exception {
    Map<String, String> headers = new HashMap<>(headers("developer", "mallory"));
    headers.remove(CallerAuthenticator.SECRET_HEADER);
    headers.put("X-Forwarded-For", "10.9.9.9");
    String longPath = "/api/traces/" + id("{TA}") + "?x=" + "y".repeat(4000);

    Reply reply = send("GET", longPath, headers);

    assertThat(reply.status()).isEqualTo(401);
    JsonNode line = lastAuditLine();
    assertThat(line.get("caller").asText()).isEqualTo("none");
    assertThat(line.get("user").isNull()).isTrue();
    assertThat(line.get("role").isNull()).isTrue();
    assertThat(line.get("query").isNull()).isTrue();
    assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
    assertThat(line.toString()).doesNotContain("yyyy").doesNotContain("mallory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrong", "twice"})
  @Order(31)
  void aWrongOrRepeatedSecretIsRejected(String how) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.url() + fill("/api/traces/{TA}")))
            .header(GatewayHandler.USER_HEADER, "mallory")
            .header(GatewayHandler.ROLE_HEADER, "developer");
    if (how.equals("wrong")) {
      request.header(CallerAuthenticator.SECRET_HEADER, SECRET + "x");
    } else {
      request
          .header(CallerAuthenticator.SECRET_HEADER, SECRET)
          .header(CallerAuthenticator.SECRET_HEADER, SECRET);
    }
    REQUESTS.incrementAndGet();
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain(id("{A}"));
    assertThat(lastAuditLine().get("caller").asText()).isEqualTo("none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "admin", "Developer", "support,developer"})
  @Order(32)
  void anUnknownRoleIsForbidden(String role) throws Exception {
    Reply reply = send("GET", fill("/api/traces/{TA}"), headers(role, "eve"));

    assertThat(reply.status()).isEqualTo(403);
    JsonNode line = lastAuditLine();
    assertThat(line.get("user").asText()).isEqualTo("eve");
    assertThat(line.get("reason").asText()).isEqualTo("unknown role");
    assertThat(line.get("upstream_status").isNull()).isTrue();
  }

  @Test
  @Order(33)
  void aUserNameIsLoggedAsUtf8AndAControlCharacterInItIsRefused() throws Exception {
    // Grafana sends the login as UTF-8 bytes (the JDK's client cannot, hence a raw request)
    assertThat(raw("/api/services", "developer", "zoë.ångström")).startsWith("HTTP/1.1 200");
    assertThat(lastAuditLine().get("user").asText()).isEqualTo("zoë.ångström");
    assertThat(Files.readAllLines(auditFile, StandardCharsets.UTF_8).get(REQUESTS.get() - 1))
        .contains("zoë.ångström");

    assertThat(raw("/api/services", "developer", "eve\u0085admin")).startsWith("HTTP/1.1 401");
    assertThat(lastAuditLine().get("upstream_status").isNull()).isTrue();
    assertThat(raw("/api/services", "developer", "eve\u2028admin")).startsWith("HTTP/1.1 401");
    assertThat(Files.readString(auditFile, StandardCharsets.UTF_8))
        .doesNotContain("\u0085")
        .doesNotContain("\u2028");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "support   | /api/traces?tags=%7B%22order.id%22%3A%22{A}%22%7D&tags=%7B%7D  | given more than once",
        "developer | /api/traces?service=shop-api&service=batch-job                | given more than once",
        "support   | /api/traces?tags=%7B%22order.id%22%3A%22{A}%22%7D&limit=%zz    | bad query string encoding",
        "developer | /api/traces?service=shop-api&limit=lots                        | limit must be a whole number",
        "support   | /api/traces?tags=%7Bnot%20json                                 | tags is not a JSON object",
        "support   | /api/traces?tags=%7B%22order.id%22%3A%22{A}%22%7D&start=now    | start must be a whole number",
      })
  @Order(34)
  void badParametersAreABadRequestAndNeverReachJaeger(
      String role, String pathAndQuery, String reason) throws Exception {
    String statusLine = raw(fill(pathAndQuery), role, "someone");

    assertThat(statusLine).startsWith("HTTP/1.1 400");
    JsonNode line = lastAuditLine();
    assertThat(line.get("reason").asText()).contains(reason);
    assertThat(line.get("upstream_status").isNull()).isTrue();
  }

  // ---- bin/ordertrace through the gateway, with a developer identity ----

  @Test
  @Order(40)
  void theStoreClientOfBinOrdertraceWorksThroughTheGatewayAndIsAudited() throws Exception {
    JaegerQueryClient viaGateway =
        JaegerQueryClient.builder(URI.create(gateway.url()))
            .timeout(Duration.ofSeconds(20))
            .header(CallerAuthenticator.SECRET_HEADER, SECRET)
            .header(GatewayHandler.USER_HEADER, "ops.carol")
            .header(GatewayHandler.ROLE_HEADER, "developer")
            .build();
    int before = REQUESTS.get();

    TraceSearchResult found =
        viaGateway.findTraces(TraceSearch.builder().tag("order.id", id("{B}")).build());
    assertThat(found.errors()).isEmpty();
    assertThat(found.traces()).hasSize(1);
    assertThat(found.traces().get(0).get("traceID").asText()).isEqualTo(id("{TB}"));
    assertThat(viaGateway.trace(id("{TB}"))).isPresent();

    List<JsonNode> lines = auditLines();
    int calls = lines.size() - before;
    REQUESTS.addAndGet(calls);
    assertThat(calls).isGreaterThanOrEqualTo(3); // services, one search per service, the trace
    assertThat(lines.subList(before, lines.size()))
        .allSatisfy(
            line -> {
              assertThat(line.get("user").asText()).isEqualTo("ops.carol");
              assertThat(line.get("decision").asText()).isEqualTo("allowed");
            });
  }

  @Test
  @Order(41)
  void withoutCredentialsTheStoreClientGetsAClearError() {
    JaegerQueryClient anonymous =
        JaegerQueryClient.builder(URI.create(gateway.url()))
            .timeout(Duration.ofSeconds(20))
            .build();
    REQUESTS.incrementAndGet();
    try {
      anonymous.services();
      throw new AssertionError("expected a refusal");
    } catch (StoreException e) {
      assertThat(e.status()).isEqualTo(401);
    }
  }

  // ---- Jaeger down ----

  @Test
  @Order(50)
  void anUnreachableJaegerIsABadGateway() throws Exception {
    Path downAudit = WORK_DIR.resolve("audit-down.log");
    Files.deleteIfExists(downAudit);
    String down = "http://127.0.0.1:" + closedPort();
    try (AuditLog log = AuditLog.toFile(downAudit);
        GatewayServer downGateway = GatewayServer.start(config(down, downAudit), log)) {
      for (String path :
          List.of(
              "/api/traces/" + id("{TA}"),
              "/api/traces?tags=" + encode(fill("{\"order.id\":\"{A}\"}")))) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(downGateway.url() + path));
        headers("support", "jane.support").forEach(request::header);

        HttpResponse<String> response =
            HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.body()).contains("cannot reach").doesNotContain("Exception");
      }
      List<String> lines = Files.readAllLines(downAudit);
      assertThat(lines)
          .hasSize(2)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          "\"user\":\"jane.support\"",
                          "\"decision\":\"denied\"",
                          "\"status\":502"));
    }
  }

  // ---- the audit log as a whole ----

  @Test
  @Order(100)
  void everyRequestWasAuditedOnceAsOneJsonLineAndTheSecretNever() throws Exception {
    String text = Files.readString(auditFile, StandardCharsets.UTF_8);
    List<JsonNode> lines = auditLines();

    assertThat(lines).hasSize(REQUESTS.get());
    assertThat(lines)
        .allSatisfy(
            line ->
                assertThat(line.get("ts").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"));
    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContainIgnoringCase("X-Ordertrace-Gateway-Secret")
        .doesNotContain("\u0085")
        .doesNotContain("\u2028");
    assertThat(Files.getPosixFilePermissions(auditFile))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  // ---- helpers ----

  private static GatewayConfig config(String jaegerUrl, Path audit) throws ConfigException {
    return GatewayConfig.from(
        Map.of(
            "GATEWAY_LISTEN",
            "127.0.0.1:0",
            "GATEWAY_JAEGER_URL",
            jaegerUrl,
            "GATEWAY_SHARED_SECRET",
            SECRET,
            "GATEWAY_AUDIT_LOG",
            audit.toString(),
            "GATEWAY_UPSTREAM_TIMEOUT_SECONDS",
            "20",
            "GATEWAY_SUPPORT_MAX_TRACES",
            Integer.toString(SUPPORT_CAP)));
  }

  static String id(String placeholder) {
    return IDS.get(placeholder);
  }

  /** Placeholders replaced; a JSON tags value URL-encoded. */
  private static String fill(String template) {
    String text = template;
    for (Map.Entry<String, String> id : IDS.entrySet()) {
      text = text.replace(id.getKey(), id.getValue());
    }
    int tags = text.indexOf("tags={");
    if (tags >= 0) {
      int end = text.indexOf('}', tags) + 1;
      text =
          text.substring(0, tags)
              + "tags="
              + encode(text.substring(tags + 5, end))
              + text.substring(end);
    }
    return text;
  }

  /** A ';'-separated list of texts, placeholders filled. */
  private static List<String> words(String list) {
    List<String> words = new ArrayList<>();
    if (list != null) {
      for (String text : list.split(";", -1)) {
        if (!text.isBlank()) {
          words.add(fill(text.strip()));
        }
      }
    }
    return words;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(String role, String user) {
    return Map.of(
        CallerAuthenticator.SECRET_HEADER, SECRET,
        GatewayHandler.USER_HEADER, user,
        GatewayHandler.ROLE_HEADER, role);
  }

  private static Reply get(String role, String user, String pathAndQuery) throws Exception {
    return send("GET", pathAndQuery, headers(role, user));
  }

  private static Reply send(String method, String pathAndQuery, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    REQUESTS.incrementAndGet();
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  /** A request written byte by byte (UTF-8 header values, bad escapes); returns the status line. */
  private static String raw(String pathAndQuery, String role, String user) throws IOException {
    try (java.net.Socket socket =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), gateway.port())) {
      socket.setSoTimeout(20_000);
      String request =
          "GET "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + CallerAuthenticator.SECRET_HEADER
              + ": "
              + SECRET
              + "\r\n"
              + GatewayHandler.USER_HEADER
              + ": "
              + user
              + "\r\n"
              + GatewayHandler.ROLE_HEADER
              + ": "
              + role
              + "\r\n\r\n";
      REQUESTS.incrementAndGet();
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }

  private static List<JsonNode> auditLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static JsonNode lastAuditLine() throws IOException {
    List<JsonNode> lines = auditLines();
    assertThat(lines).hasSize(REQUESTS.get());
    return lines.get(lines.size() - 1);
  }

  /** Until Jaeger's own search finds every trace the tests use. */
  private static void awaitSearchable() {
    JaegerQueryClient direct =
        JaegerQueryClient.builder(URI.create(jaeger.queryUrl()))
            .timeout(Duration.ofSeconds(10))
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              String found =
                  direct.findTraces(TraceSearch.builder().limit(100).build()).traces().toString();
              for (String trace :
                  List.of("{TA}", "{TB}", "{TC1}", "{TC2}", "{TC3}", "{TN}", "{TU}")) {
                assertThat(found).contains(id(trace));
              }
            });
  }

  /** Trace ids never start with a zero digit: the tests compare ids as text. */
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
