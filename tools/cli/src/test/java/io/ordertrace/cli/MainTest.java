package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tool end to end in-process, against {@link FakeTempo}: parsing, exit codes, messages. */
class MainTest {

  /** Two hours after the fixtures' first trace. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(0, Fixtures.T0).plusSeconds(7200), ZoneOffset.UTC);

  private FakeTempo tempo;
  private final Map<String, String> env = new HashMap<>(Map.of("LANG", "C"));
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startTempo() throws IOException {
    tempo = new FakeTempo();
    env.put("ORDERTRACE_TEMPO_URL", tempo.url());
  }

  @AfterEach
  void stopTempo() {
    tempo.close();
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        CLOCK);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void tempoKnowsTheOrder() {
    tempo
        .answer(
            "/api/search",
            200,
            "{\"traces\":[{\"traceID\":\"b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5\",\"startTimeUnixNano\":\"1795409930000000000\"},"
                + "{\"traceID\":\"af7651916cd43dd8448eb211c80319c\",\"startTimeUnixNano\":\"1795406330000000000\"}]}")
        .answer("/api/v2/traces/" + Fixtures.TRACE_V1_ID, 200, "{\"trace\":" + Fixtures.read(Fixtures.TRACE_V1).replace("\"batches\"", "\"resourceSpans\"") + "}")
        .answer("/api/v2/traces/" + Fixtures.TRACE_V2_ID, 200, Fixtures.read(Fixtures.TRACE_V2));
  }

  @Test
  void findListsTheOrdersTracesOldestFirst() {
    tempoKnowsTheOrder();

    int code = run("find", "--order", "O-1001", "--since", "12h");

    assertThat(code).isEqualTo(0);
    List<String> lines = out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("order O-1001: 2 traces in the last 12h (Tempo " + tempo.url() + ")");
    assertThat(lines.get(3)).contains(Fixtures.TRACE_V1_ID, "ERROR", "mes-api order.approved process");
    assertThat(lines.get(4)).contains(Fixtures.TRACE_V2_ID, "shipped", "OK");
    assertThat(err()).isEmpty();

    FakeTempo.Request search = tempo.requests().get(0);
    String query = URLDecoder.decode(search.query(), StandardCharsets.UTF_8);
    long now = CLOCK.instant().getEpochSecond();
    assertThat(query)
        .contains("q={ span.order.id = \"O-1001\" }")
        .contains("start=" + (now - 12 * 3600))
        .contains("end=" + (now + 60))
        .contains("limit=20");
  }

  @Test
  void findSplitsLongWindowsAtTempos168HourLimit() {
    tempoKnowsTheOrder();

    assertThat(run("find", "--order", "O-1001")).isEqualTo(0); // default 30d

    List<FakeTempo.Request> searches =
        tempo.requests().stream().filter(r -> r.path().equals("/api/search")).toList();
    assertThat(searches).hasSize(5);
    for (FakeTempo.Request search : searches) {
      Map<String, String> params = params(search.query());
      long length = Long.parseLong(params.get("end")) - Long.parseLong(params.get("start"));
      assertThat(length).isPositive().isLessThanOrEqualTo(168 * 3600);
    }
    // the same two traces in every part: each fetched and listed once
    assertThat(out().lines().filter(line -> line.startsWith("2026-"))).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void findAsJson() {
    tempoKnowsTheOrder();

    assertThat(run("find", "--order", "O-1001", "--json")).isEqualTo(0);

    Object json = Json.parse(out());
    assertThat(Json.string(json, "orderId")).isEqualTo("O-1001");
    List<?> traces = Json.list(json, "traces");
    assertThat(traces).hasSize(2);
    assertThat(Json.string(traces.get(0), "traceId")).isEqualTo(Fixtures.TRACE_V1_ID);
    assertThat((List<Object>) Json.list(traces.get(0), "stages")).containsExactly("created", "approved", "in_production");
  }

  @Test
  void limitKeepsTheNewestTracesFoundAndSaysSo() {
    tempoKnowsTheOrder();

    assertThat(run("find", "--order", "O-1001", "--limit", "1", "--since", "1h")).isEqualTo(0);

    assertThat(out()).contains(Fixtures.TRACE_V2_ID).doesNotContain(Fixtures.TRACE_V1_ID);
    assertThat(err()).isEqualTo("ordertrace: --limit 1 reached; the order may have more traces (raise --limit)\n");
    assertThat(URLDecoder.decode(tempo.requests().get(0).query(), StandardCharsets.UTF_8)).contains("limit=1");
  }

  @Test
  void unknownOrderExitsOne() {
    tempo.answer("/api/search", 200, "{\"traces\":[],\"metrics\":{}}");

    assertThat(run("find", "--order", "O-404", "--since", "15m")).isEqualTo(1);
    assertThat(err()).isEqualTo("no traces found for order O-404 in the last 15m\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void showPrintsTheWaterfall() {
    tempoKnowsTheOrder();

    assertThat(run("show", "0AF7651916CD43DD8448EB211C80319C", "--width", "20")).isEqualTo(0);

    assertThat(out())
        .startsWith("trace " + Fixtures.TRACE_V1_ID + "  order O-1001  100 ms  7 spans")
        .contains("        mes-api order.approved process |..........########..|  40.0 ms  x ERROR java.sql.SQLException");
  }

  @Test
  void showFallsBackToV1OnOlderTempo() {
    tempo.answer("/api/traces/" + Fixtures.TRACE_V1_ID, 200, Fixtures.read(Fixtures.TRACE_V1));

    assertThat(run("show", Fixtures.TRACE_V1_ID, "--unicode")).isEqualTo(0);

    assertThat(out()).contains("✗ ERROR java.sql.SQLException").contains("↑ parent not received");
    assertThat(tempo.requests().stream().map(FakeTempo.Request::path))
        .containsExactly("/api/v2/traces/" + Fixtures.TRACE_V1_ID, "/api/traces/" + Fixtures.TRACE_V1_ID);
  }

  @Test
  void unknownTraceExitsOne() {
    tempo.answer("/api/v2/traces/00000000000000000000000000000abc", 200, "{\"trace\":{},\"metrics\":{}}");

    assertThat(run("show", "abc")).isEqualTo(1);
    assertThat(err()).startsWith("trace 00000000000000000000000000000abc not found in Tempo at " + tempo.url());
  }

  @Test
  void tempoHttpErrorsExitTwoWithStatusAndMessage() {
    tempo.answer("/api/search", 400, "range specified by start and end exceeds 168h0m0s");

    assertThat(run("find", "--order", "O-1")).isEqualTo(2);
    assertThat(err())
        .isEqualTo("ordertrace: Tempo answered HTTP 400 to /api/search: range specified by start and end exceeds 168h0m0s\n");
  }

  @Test
  void tempoServerErrorOnShow() {
    tempo.answer("/api/v2/traces/" + Fixtures.TRACE_V1_ID, 503, "");

    assertThat(run("show", Fixtures.TRACE_V1_ID)).isEqualTo(2);
    assertThat(err()).contains("HTTP 503").doesNotContain("Exception");
  }

  @Test
  void unreachableTempoExitsTwoWithoutStackTrace() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    assertThat(run("find", "--order", "O-1", "--tempo", url)).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "ordertrace: cannot reach Tempo at " + url + " (connection refused). Is it running?"
                + " Set --tempo or ORDERTRACE_TEMPO_URL.\n");
  }

  @Test
  void headersAreSentToTempo() {
    tempo.answer("/api/search", 200, "{\"traces\":[]}");

    run("find", "--order", "O-1", "--since", "1h", "--header", "Authorization: Bearer t0k3n", "--header", "X-Scope-OrgID:alexandrite");

    Map<String, List<String>> headers = tempo.requests().get(0).headers();
    assertThat(headers.get("Authorization")).containsExactly("Bearer t0k3n");
    assertThat(headers.get("X-scope-orgid")).containsExactly("alexandrite");
  }

  @Test
  void tempoUrlOptionWinsOverEnvironment() {
    FindCommand.Options options =
        FindCommand.parse(List.of("--order", "O-1", "--tempo", "https://tempo.internal/"), env);
    assertThat(options.tempo().url()).isEqualTo("https://tempo.internal/");

    env.remove("ORDERTRACE_TEMPO_URL");
    assertThat(FindCommand.parse(List.of("--order", "O-1"), env).tempo().url())
        .isEqualTo("http://127.0.0.1:3200");
  }

  @Test
  void findDefaults() {
    FindCommand.Options options = FindCommand.parse(List.of("--order=O-1"), env);

    assertThat(options.sinceText()).isEqualTo("30d");
    assertThat(options.limit()).isEqualTo(20);
    assertThat(options.tempo().json()).isFalse();
    assertThat(options.tempo().glyphs()).isEqualTo(Glyphs.ASCII); // LANG=C
  }

  @Test
  void unicodeInUtf8Locales() {
    env.put("LANG", "en_US.UTF-8");
    assertThat(FindCommand.parse(List.of("--order=O-1"), env).tempo().glyphs()).isEqualTo(Glyphs.UNICODE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "find",
        "find --order",
        "find --order a\"b",
        "find --order O-1 --since 30",
        "find --order O-1 --since 1y",
        "find --order O-1 --limit 0",
        "find --order O-1 --limit many",
        "find --order O-1 --bogus",
        "find --order O-1 extra",
        "find --order O-1 --json=yes",
        "find --order O-1 --tempo ftp://x",
        "find --order O-1 --tempo not-a-url",
        "find --order O-1 --header NoColon",
        "show",
        "show xyz",
        "show abc def",
        "show abc --width 5",
        "frobnicate"
      })
  void badUsageExits64WithUsageAndNoStackTrace(String commandLine) {
    assertThat(run(commandLine.split(" "))).isEqualTo(64);
    assertThat(err()).startsWith("ordertrace: ").contains("Usage: ordertrace").doesNotContain("\tat ");
    assertThat(out()).isEmpty();
    assertThat(tempo.requests()).isEmpty();
  }

  @Test
  void headerValuesAreNeverEchoed() {
    run("find", "--order", "O-1", "--header", "Bad Name: secret-token");
    assertThat(err()).doesNotContain("secret-token");
  }

  @Test
  void help() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out()).startsWith("Usage: ordertrace <command>");
    out.reset();
    assertThat(run("find", "--help")).isEqualTo(0);
    assertThat(out()).startsWith("Usage: ordertrace find --order <id>");
    out.reset();
    assertThat(run("show", "-h")).isEqualTo(0);
    assertThat(out()).startsWith("Usage: ordertrace show <trace-id>");
    assertThat(run()).isEqualTo(64);
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      params.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
