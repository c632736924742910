/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrace.testing.Command;
import io.ordertrace.testing.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged jar as operators run it: --help, a bad variable, and a real start and stop. */
class MainIT {

  private static final Path JAR =
      Paths.get(System.getProperty("ordertrace.gateway.jar", "target/ordertrace-gateway.jar"))
          .toAbsolutePath();
  private static final String SECRET = "main-it-secret-0123456789";

  record Run(int code, String out, String err) {}

  @Test
  void helpListsTheVariables() throws Exception {
    Run run = run(Map.of(), "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains(
            "GATEWAY_LISTEN",
            "GATEWAY_JAEGER_URL",
            "GATEWAY_SHARED_SECRET_FILE",
            "GATEWAY_HEADER_TIMEOUT_SECONDS",
            "GATEWAY_MAX_CONNECTIONS_PER_PEER",
            "GATEWAY_SUPPORT_MAX_TRACES",
            "GATEWAY_TLS_CERT",
            "GATEWAY_CLIENT_CA",
            "GATEWAY_AUDIT_LOG");
  }

  @Test
  void badConfigurationIsOneLineAndExitTwo() throws Exception {
    Run run = run(Map.of("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "nonsense"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ordertrace-gateway: GATEWAY_LISTEN=nonsense is not host:port (e.g. 127.0.0.1:3201)\n");
  }

  @Test
  void aSecretFileOthersCanReadStopsTheStartWithOneLine() throws Exception {
    Path secret = Files.createTempFile("gateway-secret", ".txt");
    try {
      Files.writeString(secret, SECRET);
      Files.setPosixFilePermissions(
          secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

      Run run = run(Map.of("GATEWAY_SHARED_SECRET_FILE", secret.toString()));

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "ordertrace-gateway: GATEWAY_SHARED_SECRET_FILE="
                  + secret
                  + " is readable by group or others; make it private: chmod 600 "
                  + secret
                  + "\n");
    } finally {
      Files.deleteIfExists(secret);
    }
  }

  @Test
  void theOldTempoVariableIsNamedInTheError() throws Exception {
    Run run =
        run(Map.of("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TEMPO_URL", "http://tempo:3200"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ordertrace-gateway: GATEWAY_TEMPO_URL is no longer read")
        .endsWith("\n")
        .doesNotContain("Exception");
  }

  @Test
  void missingAuthenticationIsABadConfiguration() throws Exception {
    Run run = run(Map.of());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ordertrace-gateway: no way to authenticate Grafana")
        .doesNotContain("Exception");
  }

  @Test
  void servesAuditsToStdoutAndStopsOnSigterm() throws Exception {
    String jaeger = "http://127.0.0.1:" + ManagedProcess.freePort();
    Path logs = Paths.get("target", "processes").toAbsolutePath();
    ManagedProcess gateway =
        ManagedProcess.builder("gateway", command())
            .removeInheritedEnv(name -> name.startsWith("GATEWAY_"))
            .env(
                Map.of(
                    "GATEWAY_SHARED_SECRET",
                    SECRET,
                    "GATEWAY_LISTEN",
                    "127.0.0.1:0",
                    "GATEWAY_JAEGER_URL",
                    jaeger))
            .log(logs.resolve("main-it-gateway.stdout.log"))
            .errorLog(logs.resolve("main-it-gateway.stderr.log"))
            .readyWhen(
                "stderr has its second line, 'listening on'",
                () -> completeLines(logs.resolve("main-it-gateway.stderr.log")).size() >= 2)
            .start();
    try {
      List<String> err = completeLines(gateway.errorLog());
      String warning = err.get(0);
      String listening = err.get(1);
      assertThat(warning).contains("WARNING: plain HTTP");
      Matcher url =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+),").matcher(listening);
      assertThat(url.find()).as(listening).isTrue();

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/api/services"))
                      .header("X-Ordertrace-Gateway-Secret", SECRET)
                      .header("X-Grafana-User", "admin")
                      .header("X-Ordertrace-Role", "developer")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(502);
      List<String> out =
          await("the audit line on stdout")
              .atMost(Duration.ofSeconds(10))
              .until(() -> completeLines(gateway.log()), lines -> !lines.isEmpty());
      assertThat(out.get(0))
          .startsWith("{\"ts\":")
          .contains("\"user\":\"admin\"", "\"path\":\"/api/services\"", "\"status\":502")
          .doesNotContain(SECRET);
    } finally {
      assertThat(gateway.stop(Duration.ofSeconds(20))).as("ended on SIGTERM within 20 s").isTrue();
      gateway.close();
    }
  }

  /** The lines of {@code file} that end with a newline: what a reader of the stream has seen. */
  private static List<String> completeLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
  }

  private static List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static Run run(Map<String, String> env, String... args) {
    Command.Result result =
        Command.builder(command(args))
            .removeInheritedEnv(name -> name.startsWith("GATEWAY_"))
            .env(env)
            .timeout(Duration.ofSeconds(30))
            .run();
    return new Run(result.exitCode(), result.out(), result.err());
  }
}
