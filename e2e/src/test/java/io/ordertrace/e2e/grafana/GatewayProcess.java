/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import io.ordertrace.testing.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway jar ({@code gateway/target/ordertrace-gateway.jar}, built by the reactor before
 * e2e) started as operators run it (gateway/README.md): plain HTTP on a free loopback port, a
 * shared secret, Jaeger's query API behind it, the audit log in a file. Started through
 * test-support's {@link ManagedProcess}; ready when it prints the URL it listens on.
 */
final class GatewayProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern LISTENING =
      Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  private final ManagedProcess process;
  private final String url;
  final Path auditLog;

  private GatewayProcess(ManagedProcess process, String url, Path auditLog) {
    this.process = process;
    this.url = url;
    this.auditLog = auditLog;
  }

  static GatewayProcess start(Path repo, Path workDir, String jaegerUrl, String secret)
      throws IOException {
    Path jar = repo.resolve("gateway/target/ordertrace-gateway.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("gateway jar missing (build with -pl e2e -am): " + jar);
    }
    Files.createDirectories(workDir);
    Path audit = workDir.resolve("gateway-audit.jsonl");
    ManagedProcess process =
        ManagedProcess.builder(
                "gateway",
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-jar",
                    jar.toString()))
            .removeInheritedEnv(k -> k.startsWith("GATEWAY_"))
            .env(
                Map.of(
                    "GATEWAY_LISTEN",
                    "127.0.0.1:0",
                    "GATEWAY_JAEGER_URL",
                    jaegerUrl,
                    "GATEWAY_SHARED_SECRET",
                    secret,
                    "GATEWAY_AUDIT_LOG",
                    audit.toString()))
            .log(workDir.resolve("gateway.log"))
            // "ordertrace-gateway: listening on http://127.0.0.1:P, ...": the port is chosen by the
            // gateway
            .readyWhenLogContains("listening on http://127.0.0.1:")
            // a JVM start on the shared, loaded build machine can take minutes
            .readyTimeout(Duration.ofSeconds(180))
            .stopGrace(Duration.ofSeconds(20))
            .start();
    Matcher m = LISTENING.matcher(process.logText());
    if (!m.find()) {
      process.kill();
      throw new IllegalStateException("gateway printed no URL:\n" + process.logTail(20));
    }
    return new GatewayProcess(process, m.group(1), audit);
  }

  /** Sends a replayed Grafana request; headers exactly as given. */
  HttpResponse<String> send(GrafanaJaegerDatasource.Request request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + request.pathAndQuery()))
            .timeout(Duration.ofSeconds(60))
            .GET();
    // the JDK client sets these itself (and refuses to be told); Grafana's Go client sends them too
    request
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Accept-Encoding")) {
                b.header(k, v);
              }
            });
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<String> auditLines() {
    try {
      return Files.exists(auditLog)
          ? Files.readAllLines(auditLog, StandardCharsets.UTF_8)
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
