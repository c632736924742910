/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.testing.Closeables;
import io.ordertrace.testing.CollectorProcess;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpReceiver;
import io.ordertrace.testing.OtlpReceiver.ReceivedSpan;
import io.ordertrace.testing.RepositoryRoot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requirement S5 end to end, for every signal: two JVMs with the one-jar agent (a public edge on
 * the JDK HTTP server, an internal Tomcat service), the agent's exporters left at their defaults
 * (OTLP for traces, metrics and logs) and pointed at a real collector ({@code otelcol-ordertrace}
 * with {@code otelcol-passthrough.yaml}: no scrubbing, so what arrives is what the agent sent),
 * which forwards everything to the test's OTLP receiver. Requests carry one secret of every kind
 * the redactor knows in the query string and a captured header; the edge logs them (JUL, bridged to
 * OTLP logs), forwards them in a URL, the internal service logs them and fails with them in the
 * exception message; a connection string with a password rides in the process arguments and an
 * e-mail in the resource attributes. Nothing of it may be found in anything exported. The edge
 * setting comes from where subclasses put it (the agent configuration file, or a declarative
 * configuration file).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractPrivacyAgentIT {

  static final String ORDER_ID = "100042";
  static final String NOT_SAMPLED_ORDER_ID = "200042";
  static final String CLIENT_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String PROCESS_ARG_SECRET = "PgArgS3cret";
  static final String RESOURCE_EMAIL = "owner.person@mail.ru";

  /** One secret of every kind, and the substrings that must not be exported. */
  record Secret(String kind, String value, List<String> mustNotLeak) {
    @Override
    public String toString() {
      return kind;
    }
  }

  static final List<Secret> SECRETS =
      List.of(
          new Secret("email", "ivan.petrov@mail.ru", List.of("ivan.petrov@mail.ru")),
          new Secret("email-cyrillic", "иван.петров@почта.рф", List.of("иван.петров@почта.рф")),
          new Secret("phone", "+7 912 345 67 89", List.of("912 345 67 89", "9123456789")),
          new Secret("phone-nbsp", "+7\u00a0912\u00a0345\u00a067\u00a088", List.of("912\u00a0345")),
          new Secret(
              "card", "4111 1111 1111 1111", List.of("4111 1111 1111 1111", "4111111111111111")),
          new Secret("card-dots", "5500.0000.0000.0004", List.of("5500.0000.0000.0004")),
          new Secret("iban", "DE89370400440532013000", List.of("DE89370400440532013000")),
          new Secret("inn", "ИНН 7707083893", List.of("7707083893")),
          new Secret("account", "р/с 40702810938000012345", List.of("40702810938000012345")),
          new Secret("passport", "паспорт 4506 123456", List.of("4506 123456")),
          new Secret("snils", "СНИЛС 112-233-445 95", List.of("112-233-445")),
          new Secret(
              "jwt",
              "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz",
              List.of("eyJzdWIiOiIxMjM0In0")),
          new Secret(
              "bearer",
              "Authorization: Bearer 9a8b7c6d5e4f3a2b1c0d",
              List.of("9a8b7c6d5e4f3a2b1c0d")),
          new Secret("password", "password=hunter2xyz", List.of("hunter2xyz")),
          new Secret(
              "url-password",
              "postgres://app:S3cr3tPass@db.internal:5432/orders",
              List.of("S3cr3tPass")),
          new Secret(
              "aws-secret",
              "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
              List.of("wJalrXUtnFEMI")),
          new Secret("aws-key", "AKIAIOSFODNN7EXAMPLE", List.of("AKIAIOSFODNN7EXAMPLE")),
          new Secret(
              "session", "PHPSESSID=9a8b7c6d5e4f3a2b1c0d9e8f", List.of("9a8b7c6d5e4f3a2b1c0d9e8f")),
          new Secret(
              "jsessionid",
              "/cart;jsessionid=1A2B3C4D5E6F7A8B9C0D1E2F",
              List.of("1A2B3C4D5E6F7A8B9C0D1E2F")),
          new Secret(
              "oauth-code",
              "/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj",
              List.of("SplxlOBeZQQYbYS6WxSbIA")),
          new Secret(
              "pem",
              "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----",
              List.of("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj")),
          new Secret(
              "telegram",
              "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
              List.of("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")),
          new Secret(
              "yandex",
              "y0_AgAAAAAGPZTmAATuwQAAAADlzDoYTj8c3kq2SP6jxeJ1RBx0Pzl8uGE",
              List.of("AgAAAAAGPZTmAATuwQAAAADlzDoYTj8c3kq2SP6jxeJ1RBx0Pzl8uGE")));

  final List<ManagedProcess> apps = new ArrayList<>();
  OtlpReceiver receiver;
  CollectorProcess collector;
  ManagedProcess edge;
  ManagedProcess internal;
  Path workDir;

  /** Metric exports of each service when the last request had been answered. */
  private int edgeMetricExportsAtEnd;

  private int internalMetricExportsAtEnd;

  /**
   * The JVM arguments that configure the agent of {@code service}; {@code edge} for the edge. The
   * agent exports to {@link #collectorEndpoint()}.
   */
  abstract List<String> agentArgs(String agent, String service, boolean edge) throws Exception;

  /** The collector's OTLP/HTTP base URL, e.g. {@code http://127.0.0.1:41234}. */
  String collectorEndpoint() {
    return collector.otlpHttpUrl();
  }

  @BeforeAll
  void startServicesAndSendSecrets() throws Exception {
    receiver = new OtlpReceiver();
    workDir = Path.of("target", "it-privacy", getClass().getSimpleName()).toAbsolutePath();
    Files.createDirectories(workDir);
    Path passThrough =
        Path.of(AbstractPrivacyAgentIT.class.getResource("/otelcol-passthrough.yaml").toURI());
    collector =
        CollectorProcess.start(
            RepositoryRoot.find(),
            workDir,
            "otelcol",
            List.of(passThrough),
            Map.of("ORDERTRACE_IT_RECEIVER", receiver.endpoint()));
    String agent = System.getProperty("ordertrace.javaagent");
    assertThat(Path.of(agent)).as("one-jar agent built by the package phase").exists();

    int internalPort = ManagedProcess.freePort();
    int edgePort = ManagedProcess.freePort();
    internal =
        AppProcess.java(
                getClass().getSimpleName() + "-internal",
                PrivacyInternalApp.class,
                agentArgs(agent, "privacy-internal", false),
                String.valueOf(internalPort),
                "--datasource=postgres://crm:" + PROCESS_ARG_SECRET + "@db.internal:5432/crm")
            .readyWhenHttpAnswers("http://127.0.0.1:" + internalPort + "/health")
            .readyTimeout(Duration.ofMinutes(3))
            .start();
    apps.add(internal);
    edge =
        AppProcess.java(
                getClass().getSimpleName() + "-edge",
                PrivacyEdgeApp.class,
                agentArgs(agent, "privacy-edge", true),
                String.valueOf(edgePort),
                "http://127.0.0.1:" + internalPort)
            .readyWhenHttpAnswers("http://127.0.0.1:" + edgePort + "/health")
            .readyTimeout(Duration.ofMinutes(3))
            .start();
    apps.add(edge);

    HttpClient client = HttpClient.newHttpClient();
    for (Secret secret : SECRETS) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + edgePort
                          + "/api/orders/"
                          + ORDER_ID
                          + "?note="
                          + URLEncoder.encode(secret.value(), StandardCharsets.UTF_8)))
              .header("X-User-Id", "u-1001")
              .header("baggage", "order.id=forged-1,user.id=forged-user,tenant=evil-tenant");
      if (secret.value().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        request.header("X-Note", secret.value());
      }
      assertThat(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
          .as(secret.kind())
          .isEqualTo(200);
    }
    HttpRequest notSampled =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + edgePort + "/api/orders/" + NOT_SAMPLED_ORDER_ID))
            .header("traceparent", "00-" + CLIENT_TRACE_ID + "-b7ad6b7169203331-00")
            .build();
    assertThat(client.send(notSampled, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
    edgeMetricExportsAtEnd = receiver.metricExports("privacy-edge");
    internalMetricExportsAtEnd = receiver.metricExports("privacy-internal");
  }

  /** Common agent arguments: every exporter left at its default (OTLP), one endpoint. */
  List<String> commonArgs(String agent, String service) {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + agent);
    args.add("-Dotel.bsp.schedule.delay=200");
    args.add("-Dotel.blrp.schedule.delay=200");
    args.add("-Dotel.metric.export.interval=1000");
    return args;
  }

  /**
   * Waits until everything the services exported about the requests is in, so that the absence
   * checks cannot pass early. The request with the not-sampled traceparent is the last one sent;
   * each agent exports its spans and its log records in the order they ended, and the collector
   * forwards each export before acknowledging it (no sending queue), so once that request's server
   * span and log record of each service have arrived, so has everything before them. For metrics
   * (cumulative), two exports of each service after the last answer: the second was certainly
   * collected after it.
   */
  private List<ReceivedSpan> everything() {
    await("the last request's spans and log records, and later metric exports, of both services")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              // booleans and counts only: a failure message must not print exported data
              String lastTrace = lastRequestTraceId(receiver.spans());
              assertThat(lastTrace).as("edge server span of the last request").isNotNull();
              assertThat(
                      receiver.spans().stream()
                          .anyMatch(
                              s ->
                                  isServer(s, "privacy-internal") && s.traceId().equals(lastTrace)))
                  .as("internal server span of the last request")
                  .isTrue();
              assertThat(hasLogRecord("privacy-edge", lastTrace))
                  .as("edge log record of the last request")
                  .isTrue();
              assertThat(hasLogRecord("privacy-internal", lastTrace))
                  .as("internal log record of the last request")
                  .isTrue();
              assertThat(receiver.metricExports("privacy-edge"))
                  .as("edge metric exports after the last answer")
                  .isGreaterThanOrEqualTo(edgeMetricExportsAtEnd + 2);
              assertThat(receiver.metricExports("privacy-internal"))
                  .as("internal metric exports after the last answer")
                  .isGreaterThanOrEqualTo(internalMetricExportsAtEnd + 2);
            });
    List<ReceivedSpan> spans = receiver.spans();
    assertThat(spans.stream().filter(s -> isServer(s, "privacy-edge")).count())
        .as("edge server spans, one per request")
        .isGreaterThanOrEqualTo(SECRETS.size() + 1);
    assertThat(spans.stream().filter(s -> isServer(s, "privacy-internal")).count())
        .as("internal server spans, one per request")
        .isGreaterThanOrEqualTo(SECRETS.size() + 1);
    assertThat(receiver.logs().stream().filter(l -> l.service().equals("privacy-edge")).count())
        .as("edge log records")
        .isGreaterThanOrEqualTo(SECRETS.size());
    assertThat(receiver.logs().stream().filter(l -> l.service().equals("privacy-internal")).count())
        .as("internal log records")
        .isGreaterThanOrEqualTo(SECRETS.size());
    return spans;
  }

  private boolean hasLogRecord(String service, String traceId) {
    return receiver.logs().stream()
        .anyMatch(l -> l.service().equals(service) && l.traceId().equals(traceId));
  }

  private static boolean isServer(ReceivedSpan span, String service) {
    return span.service().equals(service) && span.span().getKind() == SpanKind.SPAN_KIND_SERVER;
  }

  /** The trace id of the edge's server span for the not-sampled order request, or null. */
  private static String lastRequestTraceId(List<ReceivedSpan> spans) {
    return spans.stream()
        .filter(
            s ->
                isServer(s, "privacy-edge") && NOT_SAMPLED_ORDER_ID.equals(s.attribute("order.id")))
        .map(ReceivedSpan::traceId)
        .findFirst()
        .orElse(null);
  }

  @Test
  void noSecretOfAnyKindIsFoundInAnySpanLogRecordOrMetric() throws Exception {
    everything();
    String exported = receiver.allSignalsText();
    assertThat(exported).contains("[REDACTED:");
    List<String> leaked = new ArrayList<>();
    for (Secret secret : SECRETS) {
      for (String pii : secret.mustNotLeak()) {
        for (String form :
            List.of(
                pii,
                URLEncoder.encode(pii, StandardCharsets.UTF_8),
                URLEncoder.encode(pii, StandardCharsets.UTF_8).replace("+", "%20"))) {
          if (exported.contains(form)) {
            // the kind and where, never the value: the build log must not show the secret
            leaked.add(secret.kind() + " in " + whereFound(form));
          }
        }
      }
    }
    assertThat(leaked).as("kinds of secrets found in the export").isEmpty();
    assertThat(exported).doesNotContain(PROCESS_ARG_SECRET).doesNotContain(RESOURCE_EMAIL);
  }

  /** Names the places (signal, service, key) a value was found in, never the value. */
  private String whereFound(String value) {
    List<String> places = new ArrayList<>();
    for (ReceivedSpan span : receiver.spans()) {
      if (span.span().getName().contains(value)) {
        places.add("span name of " + span.service());
      }
      span.span().getAttributesList().stream()
          .filter(kv -> kv.getValue().toString().contains(value))
          .forEach(kv -> places.add("span attribute " + kv.getKey() + " of " + span.service()));
      span.span()
          .getEventsList()
          .forEach(
              event ->
                  event.getAttributesList().stream()
                      .filter(kv -> kv.getValue().toString().contains(value))
                      .forEach(
                          kv ->
                              places.add(
                                  "event attribute " + kv.getKey() + " of " + span.service())));
      if (span.span().getStatus().getMessage().contains(value)) {
        places.add("span status of " + span.service());
      }
    }
    for (OtlpReceiver.ReceivedLog log : receiver.logs()) {
      if (log.record().getBody().toString().contains(value)) {
        places.add("log body of " + log.service());
      }
      log.record().getAttributesList().stream()
          .filter(kv -> kv.getValue().toString().contains(value))
          .forEach(kv -> places.add("log attribute " + kv.getKey() + " of " + log.service()));
    }
    return places.isEmpty()
        ? "metrics or resources"
        : String.join(", ", new java.util.TreeSet<>(places));
  }

  @Test
  void logRecordsWereExportedByDefaultAndCarryTheOrderId() throws Exception {
    everything();
    assertThat(receiver.logs())
        .filteredOn(l -> l.service().equals("privacy-edge"))
        .anySatisfy(l -> assertThat(l.attribute("order.id")).isEqualTo(ORDER_ID))
        .anySatisfy(l -> assertThat(l.attribute("user.id")).isEqualTo("u-1001"));
    assertThat(receiver.logs())
        .filteredOn(l -> l.service().equals("privacy-internal"))
        .anySatisfy(l -> assertThat(l.attribute("order.id")).isEqualTo(ORDER_ID));
  }

  @Test
  void forgedBaggageIsNowhere() throws Exception {
    everything();
    String exported = receiver.allSignalsText();
    assertThat(exported)
        .doesNotContain("forged-1")
        .doesNotContain("forged-user")
        .doesNotContain("evil-tenant");
    assertThat(receiver.spans())
        .allSatisfy(s -> assertThat(s.attribute("order.id")).isNotEqualTo("forged-1"));
  }

  @Test
  void aNotSampledClientTraceparentGetsATraceOfOurOwnWithTheClientAsALink() throws Exception {
    List<ReceivedSpan> spans = everything();
    ReceivedSpan root =
        spans.stream()
            .filter(
                s ->
                    s.service().equals("privacy-edge")
                        && s.span().getKind() == SpanKind.SPAN_KIND_SERVER)
            .filter(s -> NOT_SAMPLED_ORDER_ID.equals(s.attribute("order.id")))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the order request with a not-sampled traceparent was not exported"
                            + OtlpReceiver.describe(spans)));
    assertThat(root.traceId()).isNotEqualTo(CLIENT_TRACE_ID);
    assertThat(root.span().getParentSpanId().isEmpty()).as("a root span").isTrue();
    assertThat(root.span().getLinksList())
        .anySatisfy(
            link ->
                assertThat(HexFormat.of().formatHex(link.getTraceId().toByteArray()))
                    .isEqualTo(CLIENT_TRACE_ID));
    assertThat(spans).noneSatisfy(s -> assertThat(s.traceId()).isEqualTo(CLIENT_TRACE_ID));
    assertThat(spans)
        .filteredOn(
            s -> s.service().equals("privacy-internal") && s.traceId().equals(root.traceId()))
        .as("the internal service continues our trace")
        .isNotEmpty();
  }

  @Test
  void theEdgeSettingWasTakenFromItsConfigurationAndNothingWasReportedAsInvalid() throws Exception {
    everything();
    assertThat(edge.logText())
        .doesNotContain("ordertrace: ignoring invalid value")
        .doesNotContain("ordertrace: unknown property");
  }

  @AfterAll
  void stopServices() throws Exception {
    Closeables.closeAll(apps, collector, receiver);
  }
}
