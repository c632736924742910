/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Jaeger v2 (the trace store) for the integration tests, on free loopback ports with its
 * data under the given work directory. The binary is the one {@code tools/otel-binaries.sh} builds
 * and caches; the configuration is one of the repository's {@code jaeger/*.yaml}, steered only by
 * the environment variables those files document, so the tests run the shipped files.
 *
 * <p>{@link #restart()} starts the same binary on the same ports and data again, for the durability
 * tests; {@link #kill()} is {@code kill -9}.
 *
 * <p>Overrides: {@code -Dordertrace.jaeger.binary=/path/to/jaeger}.
 */
public final class JaegerProcess implements AutoCloseable {

  /** Where the spans are kept. */
  public enum Storage {
    /** {@code jaeger/jaeger-memory.yaml}: fast, gone on stop. */
    MEMORY("jaeger/jaeger-memory.yaml"),
    /** {@code jaeger/jaeger-local.yaml}: Badger on disk, what {@code ./demo.sh} runs. */
    BADGER("jaeger/jaeger-local.yaml"),
    /** {@code jaeger/jaeger-opensearch.yaml}: needs {@code OPENSEARCH_URL}. */
    OPENSEARCH("jaeger/jaeger-opensearch.yaml");

    private final String config;

    Storage(String config) {
      this.config = config;
    }

    /** The configuration file, relative to the repository root. */
    public String config() {
      return config;
    }
  }

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path workDir;
  private final int queryHttpPort;
  private final int queryGrpcPort;
  private final int otlpGrpcPort;
  private final int otlpHttpPort;
  private final int metricsPort;
  private final int healthPort;
  private final ManagedProcess process;

  private JaegerProcess(
      Path binary, List<Path> configs, Path workDir, Map<String, String> extraEnv) {
    this.workDir = workDir;
    int[] ports = ManagedProcess.freePorts(6);
    this.queryHttpPort = ports[0];
    this.queryGrpcPort = ports[1];
    this.otlpGrpcPort = ports[2];
    this.otlpHttpPort = ports[3];
    this.metricsPort = ports[4];
    this.healthPort = ports[5];
    List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString()));
    configs.forEach(config -> cmd.add("--config=" + config));
    Map<String, String> e = new LinkedHashMap<>();
    e.put("JAEGER_HOST", "127.0.0.1");
    e.put("JAEGER_QUERY_HTTP_PORT", Integer.toString(queryHttpPort));
    e.put("JAEGER_QUERY_GRPC_PORT", Integer.toString(queryGrpcPort));
    e.put("JAEGER_OTLP_GRPC_PORT", Integer.toString(otlpGrpcPort));
    e.put("JAEGER_OTLP_HTTP_PORT", Integer.toString(otlpHttpPort));
    e.put("JAEGER_METRICS_PORT", Integer.toString(metricsPort));
    e.put("JAEGER_HEALTH_PORT", Integer.toString(healthPort));
    e.put("JAEGER_DATA_DIR", workDir.resolve("data").toString());
    e.putAll(extraEnv);
    String services = queryUrl() + "/api/services";
    this.process =
        ManagedProcess.builder("jaeger", cmd)
            .directory(workDir)
            .env(e)
            .log(workDir.resolve("jaeger.log"))
            // the receivers start after the query extension: ready means both accept connections
            .readyWhen(
                "GET " + services + " answers 200 and the OTLP/gRPC port accepts",
                () ->
                    ManagedProcess.httpStatus(services) == 200
                        && ManagedProcess.portOpen(otlpGrpcPort))
            .readyTimeout(READY_TIMEOUT)
            .stopGrace(Duration.ofSeconds(15))
            .build();
  }

  /** Starts Jaeger with the given storage and waits until its query API answers. */
  public static JaegerProcess start(Path repoRoot, Path workDir, Storage storage)
      throws IOException, InterruptedException {
    return start(repoRoot, workDir, storage, Map.of());
  }

  /**
   * Starts Jaeger with extra environment variables (e.g. {@code JAEGER_RETENTION=5s}) and waits
   * until its query API answers.
   */
  public static JaegerProcess start(
      Path repoRoot, Path workDir, Storage storage, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    return start(repoRoot, workDir, storage, extraEnv, List.of());
  }

  /**
   * Starts Jaeger with overlays merged over the storage's config, in order (repository paths, e.g.
   * {@code jaeger/jaeger-tls.yaml}), and waits until its query API answers.
   */
  public static JaegerProcess start(
      Path repoRoot,
      Path workDir,
      Storage storage,
      Map<String, String> extraEnv,
      List<String> overlays)
      throws IOException, InterruptedException {
    if (storage == Storage.OPENSEARCH && !extraEnv.containsKey("OPENSEARCH_URL")) {
      throw new IllegalArgumentException(
          "Storage.OPENSEARCH needs OPENSEARCH_URL: use startOnOpenSearch");
    }
    Files.createDirectories(workDir);
    List<Path> configs = new java.util.ArrayList<>();
    configs.add(existing(repoRoot.resolve(storage.config()), "the repository"));
    for (String overlay : overlays) {
      configs.add(existing(repoRoot.resolve(overlay), "the repository"));
    }
    JaegerProcess jaeger = new JaegerProcess(binary(repoRoot), configs, workDir, extraEnv);
    jaeger.process.start();
    return jaeger;
  }

  /**
   * Starts Jaeger on the OpenSearch at {@code openSearchUrl} ({@code
   * jaeger/jaeger-opensearch.yaml}).
   */
  public static JaegerProcess startOnOpenSearch(Path repoRoot, Path workDir, String openSearchUrl)
      throws IOException, InterruptedException {
    return start(repoRoot, workDir, Storage.OPENSEARCH, Map.of("OPENSEARCH_URL", openSearchUrl));
  }

  /** Jaeger's HTTP query API, e.g. {@code http://127.0.0.1:41234} ({@code /api/traces} ...). */
  public String queryUrl() {
    return "http://127.0.0.1:" + queryHttpPort;
  }

  /** Jaeger's gRPC query API (api_v2 and api_v3), {@code 127.0.0.1:port}. */
  public String queryGrpcEndpoint() {
    return "127.0.0.1:" + queryGrpcPort;
  }

  /** The OTLP/gRPC receiver, {@code 127.0.0.1:port}: where the collector exports. */
  public String otlpGrpcEndpoint() {
    return "127.0.0.1:" + otlpGrpcPort;
  }

  /** The OTLP/HTTP traces endpoint, {@code http://127.0.0.1:port/v1/traces}. */
  public String otlpTracesUrl() {
    return "http://127.0.0.1:" + otlpHttpPort + "/v1/traces";
  }

  /** Jaeger's own Prometheus metrics, {@code http://127.0.0.1:port/metrics}. */
  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }

  /** The data directory ({@code JAEGER_DATA_DIR}; Badger only). */
  public Path dataDir() {
    return workDir.resolve("data");
  }

  /** The process id of the running Jaeger, for CPU and memory readings. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no chance to flush anything. */
  public void kill() {
    process.kill();
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  public void stop() {
    process.stop();
  }

  /** Starts the stopped or killed Jaeger again on the same ports and data. */
  public void restart() {
    process.restart();
  }

  /** The last lines of Jaeger's log, for failure messages. */
  public String logTail() {
    return process.logTail(30);
  }

  /**
   * {@code -Dordertrace.jaeger.binary}, else the second line of {@code
   * <repo>/tools/otel-binaries.sh --print-paths}.
   */
  public static Path binary(Path repoRoot) throws IOException, InterruptedException {
    String property = System.getProperty("ordertrace.jaeger.binary", "");
    if (!property.isBlank()) {
      return existing(Paths.get(property), "-Dordertrace.jaeger.binary");
    }
    Path script = repoRoot.resolve("tools/otel-binaries.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          script
              + " not found: pass the Jaeger binary with -Dordertrace.jaeger.binary=/path/to/jaeger");
    }
    Command.Result paths =
        Command.builder(List.of("bash", script.toString(), "--print-paths", "--only", "jaeger"))
            .directory(repoRoot)
            .run();
    if (paths.exitCode() != 0) {
      throw new IllegalStateException(
          "Jaeger is not built: run " + script + " --build (./test.sh does it)");
    }
    String output = paths.out();
    return existing(Paths.get(output.strip()), script + " --print-paths");
  }

  private static Path existing(Path path, String from) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " (from " + from + ") does not exist");
    }
    return path;
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "Jaeger at " + queryUrl() + " (" + process + ")";
  }
}
