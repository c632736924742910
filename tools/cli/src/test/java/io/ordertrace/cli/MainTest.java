/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole tool in-process: every kind of bad input gets one line and its own exit code, before
 * anything is asked of a store. The store itself is a real Jaeger in {@code OrderTraceCliIT}.
 */
class MainTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            NOW);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus                                    | 64 | Unknown option: '--bogus'",
        "find                                       | 64 | Missing required option: '--order=ID'",
        "find --order                               | 64 | Missing required parameter for option '--order'",
        "find --order A-1 extra                     | 64 | Unmatched argument",
        "show                                       | 64 | Missing required parameter: 'TRACE_ID'",
        "nonsense                                   | 64 | Unmatched argument",
        "find --order A-1 --limit 0                 | 64 | invalid --limit",
        "find --order A-1 --limit x                 | 64 | Invalid value for option '--limit'",
        "find --order A-1 --store ftp://x           | 64 | invalid store URL 'ftp://x'",
        "find --order A-1 --header NoColon          | 64 | invalid --header",
        "find --order A-1 --bucket b                | 64 | need --archive",
        "find --order A-1 --archive                 | 64 | --archive needs the S3 endpoint",
        "find --order A-1 --archive --archive-url http://127.0.0.1:1 | 64 | --archive needs the bucket",
        "find --order A-1 --archive --archive-url http://127.0.0.1:1 --bucket bkt --partition %Q | 64 | %Q",
        "find --order A-1 --user dev                | 64 | --user goes through the gateway and needs its secret",
        "find --order A-1 --header 'X-Ordertrace-Gateway-Secret: s3cret-value' | 64 | do not put the gateway secret on the command line",
        "find --order A-1 --header 'Authorization: Bearer t0ken'   | 64 | do not put Authorization on the command line",
        "find --order A-1 --header 'cookie: session=abc'           | 64 | do not put cookie on the command line",
        "find --order A-1 --header-file /nonexistent/headers       | 64 | cannot read the header file /nonexistent/headers (no such file)",
        "find --order 'A 1'                         | 65 | invalid order id",
        "show xyz                                   | 65 | invalid trace id",
        "show 0123456789abcdef0123456789abcdef0     | 65 | invalid trace id",
        "show abc --width 5                         | 64 | invalid --width",
        "find --order A-1 --since 5y                | 66 | invalid --since '5y'",
        "find --order A-1 --since 1h --from 2026-11-01 | 66 | either --since or --from/--to",
        "find --order A-1 --from 2026-11-02 --to 2026-11-01T00:00:00Z | 66 | is not before",
        "find --order A-1 --from tomorrow           | 66 | invalid --from 'tomorrow'",
      })
  void badInputIsOneLineWithItsOwnExitCode(String args, int code, String message) {
    Run run = run(split(args));

    assertThat(run.code()).as(run.err()).isEqualTo(code);
    assertThat(run.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(run.err()).doesNotContain("s3cret-value");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnreachableStoreIsExitTwoWithTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Run run =
        run(Map.of("ORDERTRACE_STORE_URL", "http://127.0.0.1:" + port), "find", "--order", "A-1");

    assertThat(run.code()).isEqualTo(ExitCodes.STORE_UNREACHABLE);
    assertThat(run.err().strip())
        .isEqualTo(
            "ordertrace: cannot reach the trace store at http://127.0.0.1:"
                + port
                + "/api/services (connection refused). Is it running? Set --store or ORDERTRACE_STORE_URL.");
  }

  @Test
  void throughTheGatewayTheDeveloperIdentityAndTheSecretFromAFileAreSent(@TempDir Path dir)
      throws IOException {
    Path secretFile =
        file(dir.resolve("gateway-secret"), "a-long-shared-secret-0123456789\n", "rw-------");
    Map<String, List<String>> seen = new ConcurrentHashMap<>();
    // A recorder in the gateway's place: it answers 403 as the gateway does when it refuses,
    // and keeps the headers it got. The gateway itself is tested on its own branch.
    HttpServer server =
        recorder(seen, 403, "{\"error\":{\"message\":\"role developer may not list services\"}}");
    try {
      Run run =
          findA1(
              Map.of("ORDERTRACE_GATEWAY_SECRET_FILE", secretFile.toString()),
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "--user",
              "dev.one");

      assertThat(run.code()).isEqualTo(ExitCodes.STORE_ERROR);
      assertThat(run.err().strip())
          .endsWith("/api/services answered HTTP 403: role developer may not list services");
      assertThat(run.err()).doesNotContain("a-long-shared-secret").doesNotContain("warning");
      assertThat(seen)
          .containsEntry("X-ordertrace-gateway-secret", List.of("a-long-shared-secret-0123456789"))
          .containsEntry("X-grafana-user", List.of("dev.one"))
          .containsEntry("X-ordertrace-role", List.of("developer"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void headersFromAHeaderFileAreSentAndNeverPrinted(@TempDir Path dir) throws IOException {
    Path headerFile =
        file(
            dir.resolve("headers"),
            "# for the proxy\nAuthorization: Bearer file-t0ken-123\n\nX-Team: ops\n",
            "rw-------");
    Map<String, List<String>> seen = new ConcurrentHashMap<>();
    HttpServer server = recorder(seen, 401, "");
    try {
      Run run =
          findA1(
              Map.of(),
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "--header-file",
              headerFile.toString());

      assertThat(run.code()).isEqualTo(ExitCodes.STORE_ERROR);
      assertThat(run.err()).doesNotContain("file-t0ken").doesNotContain("warning");
      assertThat(seen)
          .containsEntry("Authorization", List.of("Bearer file-t0ken-123"))
          .containsEntry("X-team", List.of("ops"));
    } finally {
      server.stop(0);
    }
  }

  /** {@code find --order A-1 --store <store>} and {@code more} arguments. */
  private static Run findA1(Map<String, String> env, String store, String... more) {
    List<String> args = new ArrayList<>(List.of("find", "--order", "A-1", "--store", store));
    args.addAll(List.of(more));
    return run(env, args.toArray(String[]::new));
  }

  /** Writes {@code content} to {@code file} with POSIX {@code permissions} such as "rw-------". */
  private static Path file(Path file, String content, String permissions) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  /** A loopback server that keeps the request headers it got and answers every request the same. */
  private static HttpServer recorder(Map<String, List<String>> seen, int status, String body)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestHeaders().forEach(seen::put);
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }

  @Test
  void aSecretFileOthersCanReadIsWarnedAbout(@TempDir Path dir) throws IOException {
    Path secretFile = file(dir.resolve("secret"), "a-long-shared-secret-0123456789", "rw-r--r--");

    Run run =
        findA1(
            Map.of(),
            "http://127.0.0.1:1",
            "--user",
            "dev",
            "--gateway-secret-file",
            secretFile.toString());

    assertThat(run.err()).contains("warning: " + secretFile + " is readable by other users");
    assertThat(run.code()).isEqualTo(ExitCodes.STORE_UNREACHABLE);
  }

  @Test
  void aMissingSecretFileIsAUsageError() {
    Run run = run("show", "abc", "--user", "dev", "--gateway-secret-file", "/nonexistent/secret");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo(
            "ordertrace: cannot read the gateway secret file /nonexistent/secret (no such file)");
  }

  @Test
  void helpGoesToStdoutAndNoCommandIsAUsageError() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains(
            "find",
            "show",
            "Exit codes: 0 found, 1 not found, 2 store unreachable".split(" 2 ", -1)[0]);

    Run findHelp = run("find", "--help");
    assertThat(findHelp.code()).isZero();
    assertThat(findHelp.out())
        .contains("--order=ID", "--archive", "--user=NAME", "month=%m/day=%d/hour=%H");

    assertThat(run("find", "--version").out())
        .isEqualTo(run("--version").out())
        .startsWith("ordertrace ");

    Run none = run();
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("a command is required");
  }

  /** Splits like a shell would for these simple cases: spaces, and '...' for one argument. */
  static String[] split(String line) {
    List<String> args = new java.util.ArrayList<>();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line.strip());
    while (matcher.find()) {
      args.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    return args.toArray(String[]::new);
  }
}
