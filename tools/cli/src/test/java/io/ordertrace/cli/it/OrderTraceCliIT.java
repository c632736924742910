package io.ordertrace.cli.it;

import io.ordertrace.testing.TempoProcess;
import io.ordertrace.testing.OtlpSender;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ordertrace find} and {@code show} against a real Tempo: spans of one order across three
 * services go in over OTLP/HTTP, as the agents send them, and come back through Tempo's search
 * and trace APIs.
 */
class OrderTraceCliIT {

  private static final Path REPO_ROOT =
      Paths.get(System.getProperty("ordertrace.repo.root", "../..")).toAbsolutePath().normalize();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/tempo-it")).toAbsolutePath();
  private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(90);

  private static TempoProcess tempo;
  private static String orderId;
  private static String createTrace;
  private static String shipTrace;

  /** Result of one run of the tool. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  static void startTempoAndSendAnOrder() throws Exception {
    tempo = TempoProcess.start(REPO_ROOT, WORK_DIR);
    orderId = "IT-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    createTrace = randomHex(16);
    shipTrace = randomHex(16);
    Map<String, String> order = Map.of("order.id", orderId);
    long created = Instant.now().minusSeconds(120).toEpochMilli() * 1_000_000;
    long shipped = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;

    // Sent newest first and in two batches: the tool must order by time, not by arrival.
    new OtlpSender()
        .span("mes-api", shipTrace, "5000000000000001", null, "POST /mes/orders/{id}/ship", SpanKind.SPAN_KIND_SERVER,
            shipped, 0, 80, with(order, "order.stage", "shipped"), null, null)
        .span("mes-api", shipTrace, "5000000000000002", "5000000000000fff", "notify customer", SpanKind.SPAN_KIND_INTERNAL,
            shipped, 10, 30, order, null, null)
        .send(tempo.otlpTracesUrl());
    new OtlpSender()
        .span("shop-api", createTrace, "1000000000000001", null, "POST /api/orders", SpanKind.SPAN_KIND_SERVER,
            created, 0, 300, with(with(order, "order.stage", "created"), "user.id", "user-jane-doe"), null, null)
        .span("shop-api", createTrace, "1000000000000002", "1000000000000001", "POST", SpanKind.SPAN_KIND_CLIENT,
            created, 20, 280, order, null, null)
        .span("crm-api", createTrace, "2000000000000001", "1000000000000002", "POST /crm/orders", SpanKind.SPAN_KIND_SERVER,
            created, 30, 270, with(with(order, "order.stage", "approved"), "caller.service.name", "shop-api"), null, null)
        .span("crm-api", createTrace, "2000000000000002", "2000000000000001", "order.approved publish", SpanKind.SPAN_KIND_PRODUCER,
            created, 100, 110, order, null, null)
        .span("mes-api", createTrace, "3000000000000001", "2000000000000002", "order.approved process", SpanKind.SPAN_KIND_CONSUMER,
            created, 120, 260, with(order, "order.stage", "in_production"), "insert failed for jane@example.com", "java.sql.SQLException")
        .span("mes-api", createTrace, "3000000000000002", "3000000000000001", "INSERT mes.jobs", SpanKind.SPAN_KIND_CLIENT,
            created, 130, 250, order, null, null)
        .send(tempo.otlpTracesUrl());

    awaitSearchFindsBothTraces();
  }

  @AfterAll
  static void stopTempo() {
    if (tempo != null) {
      tempo.close();
    }
  }

  @Test
  void findListsTheOrdersTracesInTimeOrder() {
    Run run = run("find", "--order", orderId, "--since", "15m", "--tempo", tempo.url(), "--ascii");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("order " + orderId + ": 2 traces in the last 15m (Tempo " + tempo.url() + ")");
    assertThat(lines.get(2)).startsWith("START (UTC)");
    assertThat(lines.get(3))
        .contains(createTrace)
        .contains("shop-api POST /api/orders")
        .contains("shop-api > crm-api > mes-api")
        .contains("created,approved,in_production")
        .contains("ERROR   300 ms")
        .endsWith("1       mes-api order.approved process");
    assertThat(lines.get(4))
        .contains(shipTrace)
        .contains("mes-api POST /mes/orders/{id}/ship")
        .contains("shipped")
        .contains("OK      80.0 ms")
        .endsWith("0       -");
    assertThat(lines).hasSize(5);
    assertThat(run.out()).doesNotContain("jane");
  }

  @Test
  void findAsJson() {
    Run run = run("find", "--order", orderId, "--since", "1h", "--tempo", tempo.url(), "--json");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out())
        .contains("\"orderId\": \"" + orderId + "\"")
        .contains("\"traceId\": \"" + createTrace + "\"")
        .contains("\"status\": \"ERROR\"")
        .contains("\"error\": \"java.sql.SQLException\"");
    assertThat(run.out().indexOf(createTrace)).isLessThan(run.out().indexOf(shipTrace));
  }

  @Test
  void showPrintsTheWaterfall() {
    Run run = run("show", createTrace, "--width", "30", "--tempo", tempo.url(), "--ascii");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "trace " + createTrace + "  order " + orderId
                + "  300 ms  6 spans  1 error  services: shop-api, crm-api, mes-api");
    // 300 ms over 30 cells: 10 ms per cell
    assertThat(lines.subList(3, lines.size()))
        .containsExactly(
            "shop-api POST /api/orders              |##############################|   300 ms",
            "  shop-api POST                        |..##########################..|   260 ms",
            "    crm-api POST /crm/orders           |...########################...|   240 ms",
            "      crm-api order.approved publish   |..........#...................|  10.0 ms",
            "        mes-api order.approved process |............##############....|   140 ms"
                + "  x ERROR java.sql.SQLException",
            "          mes-api INSERT mes.jobs      |.............############.....|   120 ms");
  }

  @Test
  void showMarksSpansWhoseParentIsMissing() {
    Run run = run("show", shipTrace, "--tempo", tempo.url(), "--unicode");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out().lines().filter(line -> line.startsWith("mes-api notify customer")))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith("↑ parent not received"));
  }

  @Test
  void unknownOrderExitsOne() {
    Run run = run("find", "--order", "NO-SUCH-ORDER", "--since", "30d", "--tempo", tempo.url());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("no traces found for order NO-SUCH-ORDER in the last 30d\n");
  }

  @Test
  void unknownTraceExitsOne() {
    Run run = run("show", "0123456789abcdef0123456789abcdef", "--tempo", tempo.url());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("trace 0123456789abcdef0123456789abcdef not found in Tempo at " + tempo.url());
  }

  @Test
  void unreachableTempoExitsTwo() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();

    Run run = run("show", createTrace, "--tempo", url);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("ordertrace: cannot reach Tempo at " + url
            + " (connection refused). Is it running? Set --tempo or ORDERTRACE_TEMPO_URL.\n");
  }

  @Test
  void binOrdertraceFindsTheOrderFromAnyDirectory() throws Exception {
    Run run = runScript(Map.of("ORDERTRACE_TEMPO_URL", tempo.url(), "LANG", "C.UTF-8"),
        "find", "--order", orderId, "--since", "15m");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains(createTrace).contains(shipTrace);
    assertThat(run.out().indexOf(createTrace)).isLessThan(run.out().indexOf(shipTrace));
  }

  @Test
  void binOrdertraceReportsUnreachableTempoWithoutStackTrace() throws Exception {
    String url = "http://127.0.0.1:" + closedPort();
    Run run = runScript(Map.of("ORDERTRACE_TEMPO_URL", url), "find", "--order", orderId);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("ordertrace: cannot reach Tempo at " + url
            + " (connection refused). Is it running? Set --tempo or ORDERTRACE_TEMPO_URL.\n");
    assertThat(run.out()).isEmpty();
  }

  private static void awaitSearchFindsBothTraces() throws InterruptedException {
    long deadline = System.nanoTime() + SEARCH_TIMEOUT.toNanos();
    Run last = null;
    while (System.nanoTime() < deadline) {
      last = run("find", "--order", orderId, "--since", "15m", "--tempo", tempo.url());
      if (last.code() == 0 && last.out().contains(createTrace) && last.out().contains(shipTrace)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "Tempo's search did not find both traces within " + SEARCH_TIMEOUT + "; last run: " + last
            + "\nTempo log:\n" + tempo.logTail());
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code bin/ordertrace} as a subprocess, from a directory outside the repository. */
  private static Run runScript(Map<String, String> env, String... args) throws Exception {
    Path script = REPO_ROOT.resolve("bin/ordertrace");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Path cwd = Files.createTempDirectory("ordertrace-cwd");
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().putAll(env);
    Path out = cwd.resolve("out");
    Path err = cwd.resolve("err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("bin/ordertrace did not finish in 120s");
      }
    } finally {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Map<String, String> with(Map<String, String> attributes, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(attributes);
    copy.put(key, value);
    return copy;
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] = 0; // a leading zero byte: Tempo's search drops it, the tool must put it back
    return HexFormat.of().formatHex(id);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
