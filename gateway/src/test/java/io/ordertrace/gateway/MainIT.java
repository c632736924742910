/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    String jaeger = "http://127.0.0.1:" + closedPort();
    Process process =
        start(
            Map.of(
                "GATEWAY_SHARED_SECRET",
                SECRET,
                "GATEWAY_LISTEN",
                "127.0.0.1:0",
                "GATEWAY_JAEGER_URL",
                jaeger));
    try {
      BufferedReader err =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String warning = err.readLine();
      String listening = err.readLine();
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
      assertThat(out.readLine())
          .startsWith("{\"ts\":")
          .contains("\"user\":\"admin\"", "\"path\":\"/api/services\"", "\"status\":502")
          .doesNotContain(SECRET);
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Run run(Map<String, String> env, String... args) throws Exception {
    Process process = start(env, args);
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not exit: " + out + err);
    }
    return new Run(process.exitValue(), out, err);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
