/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.ordertrace.cli.Main;
import io.ordertrace.testing.Command;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.OtlpSender;
import io.ordertrace.testing.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ordertrace find} and {@code show} against a real Jaeger v2 (jaeger/jaeger-memory.yaml):
 * spans of one order across shop-api, crm-api and mes-api go in over OTLP/HTTP as the agents send
 * them, and come back through Jaeger's query API, asked once per service and merged (U1, U2).
 */
class OrderTraceCliIT {

  private static final Path REPO_ROOT = RepositoryRoot.find();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"))
          .toAbsolutePath()
          .resolve("jaeger");

  private static JaegerProcess jaeger;
  private static String orderId;
  private static String createTrace;
  private static String shipTrace;

  /** Result of one run of the tool. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  static void startJaegerAndSendAnOrder() throws Exception {
    jaeger = JaegerProcess.start(REPO_ROOT, WORK_DIR, JaegerProcess.Storage.MEMORY);
    orderId = "IT-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    createTrace = randomHex(16);
    shipTrace = randomHex(16);
    Map<String, String> order = Map.of("order.id", orderId);
    long created = Instant.now().minusSeconds(120).toEpochMilli() * 1_000_000;
    long approved = Instant.now().minusSeconds(60).toEpochMilli() * 1_000_000;

    // Sent newest first and in two batches: the tool must order by time, not by arrival.
    new OtlpSender()
        .span(
            "crm-api",
            shipTrace,
            "5000000000000001",
            null,
            "POST /crm/orders/{id}/approve",
            SpanKind.SPAN_KIND_SERVER,
            approved,
            0,
            80,
            with(order, "order.stage", "approved"),
            null,
            null)
        .span(
            "mes-api",
            shipTrace,
            "5000000000000002",
            "5000000000000fff",
            "notify customer",
            SpanKind.SPAN_KIND_INTERNAL,
            approved,
            10,
            30,
            order,
            null,
            null)
        .send(jaeger.otlpTracesUrl());
    new OtlpSender()
        .span(
            "shop-api",
            createTrace,
            "1000000000000001",
            null,
            "POST /api/orders",
            SpanKind.SPAN_KIND_SERVER,
            created,
            0,
            300,
            with(with(order, "order.stage", "created"), "user.id", "user-jane-doe"),
            null,
            null)
        .span(
            "shop-api",
            createTrace,
            "1000000000000002",
            "1000000000000001",
            "POST",
            SpanKind.SPAN_KIND_CLIENT,
            created,
            20,
            280,
            order,
            null,
            null)
        .span(
            "crm-api",
            createTrace,
            "2000000000000001",
            "1000000000000002",
            "POST /crm/orders",
            SpanKind.SPAN_KIND_SERVER,
            created,
            30,
            270,
            with(order, "caller.service.name", "shop-api"),
            null,
            null)
        .span(
            "crm-api",
            createTrace,
            "2000000000000002",
            "2000000000000001",
            "order.created publish",
            SpanKind.SPAN_KIND_PRODUCER,
            created,
            100,
            110,
            order,
            null,
            null)
        .span(
            "mes-api",
            createTrace,
            "3000000000000001",
            "2000000000000002",
            "order.created process",
            SpanKind.SPAN_KIND_CONSUMER,
            created,
            120,
            260,
            with(order, "order.stage.failed", "in_production"),
            "insert failed for jane@example.com",
            "java.sql.SQLException")
        .span(
            "mes-api",
            createTrace,
            "3000000000000002",
            "3000000000000001",
            "INSERT mes.jobs",
            SpanKind.SPAN_KIND_CLIENT,
            created,
            130,
            250,
            order,
            null,
            null)
        .send(jaeger.otlpTracesUrl());

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              Run run =
                  run("find", "--order", orderId, "--since", "15m", "--store", jaeger.queryUrl());
              assertThat(run.out()).as(run.err()).contains(createTrace).contains(shipTrace);
            });
  }

  @AfterAll
  static void stopJaeger() {
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void findListsTheOrdersTracesInTimeOrderThenItsJourney() {
    Run run =
        run("find", "--order", orderId, "--since", "15m", "--store", jaeger.queryUrl(), "--ascii");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "order " + orderId + ": 2 traces in the last 15m (Jaeger " + jaeger.queryUrl() + ")");
    assertThat(lines.get(2)).startsWith("START (UTC)");
    assertThat(lines.get(3))
        .contains(createTrace) // the leading zero Jaeger drops is back
        .contains("shop-api POST /api/orders")
        .contains("shop-api > crm-api > mes-api")
        .contains("  created  ")
        .contains("ERROR   300 ms")
        .endsWith("1       mes-api order.created process");
    assertThat(lines.get(4))
        .contains(shipTrace)
        .contains("crm-api POST /crm/orders/{id}/approve")
        .contains("approved")
        .contains("OK      80.0 ms")
        .endsWith("0       -");
    assertThat(lines.get(5)).isEmpty();
    assertThat(lines.get(6)).isEqualTo("journey of order " + orderId);
    assertThat(lines.get(7)).matches("  \\S+Z  created        shop-api");
    assertThat(lines.get(8)).matches("  \\S+Z  in_production  mes-api   FAILED");
    assertThat(lines.get(9)).matches("  \\S+Z  approved       crm-api");
    assertThat(lines.get(10))
        .matches(
            "  first failure: \\S+Z mes-api \"order.created process\": java.sql.SQLException: insert failed for <email> \\(trace "
                + createTrace
                + "\\)");
    assertThat(lines.get(11))
        .matches(
            "  no activity since \\S+Z: last stage approved is not final \\(cancelled, completed, delivered, shipped\\)");
    assertThat(lines).hasSize(12);
    assertThat(run.out()).doesNotContain("jane");
  }

  @Test
  void findAsJson() {
    Run run =
        run("find", "--order", orderId, "--since", "1h", "--store", jaeger.queryUrl(), "--json");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out())
        .contains("\"orderId\" : \"" + orderId + "\"")
        .contains("\"traceId\" : \"" + createTrace + "\"")
        .contains("\"status\" : \"ERROR\"")
        .contains("\"error\" : \"java.sql.SQLException\"")
        .contains("\"finished\" : false")
        .doesNotContain("jane");
    assertThat(run.out().indexOf(createTrace)).isLessThan(run.out().indexOf(shipTrace));
  }

  @Test
  void findInOneServiceOnly() {
    Run run =
        run(
            "find",
            "--order",
            orderId,
            "--since",
            "1h",
            "--service",
            "shop-api",
            "--store",
            jaeger.queryUrl());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).contains(createTrace).doesNotContain(shipTrace);
  }

  @Test
  void showPrintsTheWaterfallFromJaegerJsonAndFromOtlpJson() {
    for (boolean otlp : List.of(false, true)) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "show",
                  createTrace.substring(2),
                  "--width",
                  "30",
                  "--store",
                  jaeger.queryUrl(),
                  "--ascii"));
      if (otlp) {
        args.add("--otlp");
      }
      Run run = run(args.toArray(String[]::new));

      assertThat(run.code()).as(run.err()).isEqualTo(0);
      List<String> lines = run.out().lines().toList();
      assertThat(lines.get(0))
          .isEqualTo(
              "trace "
                  + createTrace
                  + "  order "
                  + orderId
                  + "  300 ms  6 spans  1 error  services: shop-api, crm-api, mes-api");
      // 300 ms over 30 cells: 10 ms per cell
      assertThat(lines.subList(3, lines.size()))
          .containsExactly(
              "shop-api POST /api/orders             |##############################|   300 ms",
              "  shop-api POST                       |..##########################..|   260 ms",
              "    crm-api POST /crm/orders          |...########################...|   240 ms",
              "      crm-api order.created publish   |..........#...................|  10.0 ms",
              "        mes-api order.created process |............##############....|   140 ms"
                  + "  x ERROR java.sql.SQLException",
              "          mes-api INSERT mes.jobs     |.............############.....|   120 ms");
    }
  }

  @Test
  void showMarksSpansWhoseParentIsMissing() {
    Run run = run("show", shipTrace, "--store", jaeger.queryUrl(), "--unicode");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out().lines().filter(line -> line.startsWith("mes-api notify customer")))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith("↑ parent not received"));
  }

  @Test
  void unknownOrderExitsOne() {
    Run run =
        run("find", "--order", "NO-SUCH-ORDER", "--since", "30d", "--store", jaeger.queryUrl());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "no traces found for order NO-SUCH-ORDER in the last 30d (Jaeger "
                + jaeger.queryUrl()
                + ")\n");
  }

  @Test
  void unknownTraceExitsOne() {
    Run run = run("show", "0123456789abcdef0123456789abcdef", "--store", jaeger.queryUrl());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "trace 0123456789abcdef0123456789abcdef not found in the store at "
                + jaeger.queryUrl());
  }

  @Test
  void badIdAndBadWindowHaveTheirOwnCodesAndAskNothing() {
    assertThat(run("find", "--order", "A 1", "--store", jaeger.queryUrl()).code()).isEqualTo(65);
    assertThat(run("show", "not-hex", "--store", jaeger.queryUrl()).code()).isEqualTo(65);
    assertThat(
            run("find", "--order", orderId, "--since", "2y", "--store", jaeger.queryUrl()).code())
        .isEqualTo(66);
    Run reversed =
        run(
            "find",
            "--order",
            orderId,
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-01T00:00:00Z",
            "--store",
            jaeger.queryUrl());
    assertThat(reversed.code()).isEqualTo(66);
    assertThat(reversed.err()).hasLineCount(1);
  }

  @Test
  void aWindowBeforeTheOrderFindsNothing() {
    Run run =
        run(
            "find",
            "--order",
            orderId,
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-02",
            "--store",
            jaeger.queryUrl());
    assertThat(run.code()).isEqualTo(1);
  }

  @Test
  void unreachableStoreExitsTwo() throws IOException {
    String url = "http://127.0.0.1:" + ManagedProcess.freePort();

    Run run = run("show", createTrace, "--store", url);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ordertrace: cannot reach the trace store at "
                + url
                + "/api/traces/"
                + createTrace
                + " (connection refused). Is it running? Set --store or ORDERTRACE_STORE_URL.\n");
  }

  @Test
  void binOrdertraceFindsTheOrderFromAnyDirectory() throws Exception {
    Run run =
        runScript(
            Map.of("ORDERTRACE_STORE_URL", jaeger.queryUrl(), "LANG", "C.UTF-8"),
            "find",
            "--order",
            orderId,
            "--since",
            "15m");

    assertThat(run.code()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains(createTrace)
        .contains(shipTrace)
        .contains("journey of order " + orderId);
    assertThat(run.out().indexOf(createTrace)).isLessThan(run.out().indexOf(shipTrace));
  }

  @Test
  void binOrdertraceReportsAnUnreachableStoreWithoutAStackTrace() throws Exception {
    String url = "http://127.0.0.1:" + ManagedProcess.freePort();
    Run run = runScript(Map.of("ORDERTRACE_STORE_URL", url), "find", "--order", orderId);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ordertrace: cannot reach the trace store at "
                + url
                + "/api/services (connection refused). Is it running? Set --store or ORDERTRACE_STORE_URL.\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void binOrdertraceRefusesUnknownOptionsBeforeBuildingOrRunningAnything() throws Exception {
    // JAVA points nowhere: the script must stop on the arguments before it looks for java.
    Run run = runScript(Map.of("JAVA", "/nonexistent/java"), "find", "--bogus");

    assertThat(run.code()).isEqualTo(64);
    assertThat(run.err())
        .isEqualTo("ordertrace: unknown option '--bogus' for find\nTry 'bin/ordertrace --help'.\n");
  }

  private static Run run(String... args) {
    return capture((out, err) -> Main.run(args, out, err));
  }

  /** Runs the CLI in-process with {@code env} (instead of the process's) and the system clock. */
  static Run run(Map<String, String> env, String... args) {
    return capture((out, err) -> Main.run(args, out, err, env, Clock.systemUTC()));
  }

  /** Calls {@code main} with capturing streams; its exit code and what it printed. */
  private static Run capture(BiFunction<PrintStream, PrintStream, Integer> main) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        main.apply(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code bin/ordertrace} as a subprocess, from a directory outside the repository. */
  static Run runScript(Map<String, String> env, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("bash", REPO_ROOT.resolve("bin/ordertrace").toString()));
    command.addAll(List.of(args));
    Command.Result result =
        Command.builder(command)
            .directory(Files.createTempDirectory("ordertrace-cwd"))
            .env("ORDERTRACE_STORE_URL", null)
            .env(env)
            .timeout(Duration.ofMinutes(2))
            .run();
    return new Run(result.exitCode(), result.out(), result.err());
  }

  private static Map<String, String> with(
      Map<String, String> attributes, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(attributes);
    copy.put(key, value);
    return copy;
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] = 0; // a leading zero byte: Jaeger prints the id without it, the tool must put it back
    id[1] |= 0x10;
    return HexFormat.of().formatHex(id);
  }
}
