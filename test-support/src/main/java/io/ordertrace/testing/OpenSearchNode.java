/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real single-node OpenSearch for the integration tests, on free loopback ports with its data in
 * the given work directory: the runnable jar of {@code jaeger/opensearch-node} (OpenSearch's Maven
 * Central jars, no security plugin) in its own JVM.
 *
 * <p>It is a separate process, not a library call, so no OpenSearch, Lucene or Netty 4.1 jar ever
 * lands on a test class path: the harness needs only the JDK. The reactor builds the jar before a
 * module that lists {@code ordertrace-opensearch-node} as a dependency (as {@code e2e} does).
 *
 * <p>Overrides: {@code -Dordertrace.opensearch.jar=/path/to/opensearch-node.jar}, {@code
 * -Dordertrace.opensearch.heap=1g} (default 512m: enough for the tests' few thousand spans).
 */
public final class OpenSearchNode implements AutoCloseable {

  /** Where the reactor puts the node's jar (its libraries sit beside it in {@code lib/}). */
  public static final String JAR = "jaeger/opensearch-node/target/opensearch-node.jar";

  // seconds on a quiet machine; on a shared 2-CPU build machine at load 30, under nice, over two
  // minutes
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern STATUS =
      Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow|red)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final ManagedProcess process;
  private final int httpPort;
  private final int transportPort;

  private OpenSearchNode(ManagedProcess process, int httpPort, int transportPort) {
    this.process = process;
    this.httpPort = httpPort;
    this.transportPort = transportPort;
  }

  /**
   * Starts a node with an empty data directory {@code workDir/opensearch} and waits until the
   * cluster is yellow or green.
   */
  public static OpenSearchNode start(Path repoRoot, Path workDir)
      throws IOException, InterruptedException {
    Path jar = jar(repoRoot);
    Path dataDir = workDir.resolve("opensearch");
    deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    int[] ports = ManagedProcess.freePorts(2);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    String heap = System.getProperty("ordertrace.opensearch.heap", "512m");
    if (!heap.matches("[0-9]+[mg]")) {
      throw new IllegalArgumentException(
          "-Dordertrace.opensearch.heap=" + heap + ": expected e.g. 512m or 1g");
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(
        List.of(
            "--http-port", Integer.toString(ports[0]),
            "--transport-port", Integer.toString(ports[1]),
            "--data-dir", dataDir.toString(),
            "--cluster-name", "ordertrace-test"));
    String url = "http://127.0.0.1:" + ports[0];
    ManagedProcess process =
        ManagedProcess.builder("opensearch", command)
            .directory(workDir)
            .log(workDir.resolve("opensearch.log"))
            .readyWhen("the cluster at " + url + " is yellow or green", () -> healthy(url))
            .readyTimeout(READY_TIMEOUT)
            .stopGrace(Duration.ofSeconds(30)) // SIGTERM first: the node closes its indices
            .start();
    return new OpenSearchNode(process, ports[0], ports[1]);
  }

  private static boolean healthy(String url) throws InterruptedException {
    try {
      HttpResponse<String> response =
          get(url, "/_cluster/health?wait_for_status=yellow&timeout=2s");
      Matcher status = STATUS.matcher(response.body());
      return response.statusCode() == 200 && status.find() && !status.group(1).equals("red");
    } catch (IOException notYet) {
      return false;
    }
  }

  /** The REST endpoint, e.g. {@code http://127.0.0.1:41234}: what Jaeger's OPENSEARCH_URL takes. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The node's JVM process id. */
  public long pid() {
    return process.pid();
  }

  /** The node-to-node port (bound to loopback too). */
  public int transportPort() {
    return transportPort;
  }

  /** {@code green}, {@code yellow} or {@code red}, from {@code GET /_cluster/health}. */
  public String clusterStatus() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/_cluster/health");
    Matcher status = STATUS.matcher(response.body());
    if (response.statusCode() != 200 || !status.find()) {
      throw new IllegalStateException(
          "/_cluster/health answered " + response.statusCode() + ": " + response.body());
    }
    return status.group(1);
  }

  /** A GET against the REST API, e.g. {@code /_cat/indices?h=index}. */
  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return get(url(), pathAndQuery);
  }

  private static HttpResponse<String> get(String url, String pathAndQuery)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The last lines of the node's log, for failure messages. */
  public String logTail() {
    return process.logTail(30);
  }

  /** {@code -Dordertrace.opensearch.jar}, else {@link #JAR} under the repository root. */
  public static Path jar(Path repoRoot) {
    String property = System.getProperty("ordertrace.opensearch.jar", "");
    Path jar = property.isBlank() ? repoRoot.resolve(JAR) : Paths.get(property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist: build it with ./mvnw -B -pl jaeger/opensearch-node -am package -DskipTests"
              + " (or pass -Dordertrace.opensearch.jar)");
    }
    return jar;
  }

  /** {@code kill -9}. */
  public void kill() {
    process.kill();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "OpenSearch at " + url() + " (" + process + ")";
  }
}
