/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real {@code otelcol-ordertrace} (the binary {@code tools/otel-binaries.sh} builds and caches)
 * with one or more configuration files merged in order, on free loopback ports, its log and queue
 * directory under the given work directory. Ready when its {@code health_check} answers.
 *
 * <p>The ports reach the configuration through the environment variables the repository's configs
 * read: {@code OTELCOL_HEALTH_ENDPOINT}, {@code OTELCOL_OTLP_GRPC_ENDPOINT}, {@code
 * OTELCOL_OTLP_HTTP_ENDPOINT}, {@code OTELCOL_STAGE2_ENDPOINT}, {@code
 * OTELCOL_PROMETHEUS_ENDPOINT}, {@code OTELCOL_SELF_METRICS_PORT} and {@code OTELCOL_STORAGE_DIR};
 * a config uses those it needs.
 *
 * <p>Overrides: {@code -Dordertrace.otelcol.binary=/path/to/otelcol-ordertrace}.
 */
public final class CollectorProcess implements AutoCloseable {

  private final int health;
  private final int otlpGrpc;
  private final int otlpHttp;
  private final int stage2;
  private final int prometheus;
  private final int selfMetrics;
  private final Path storage;
  private final ManagedProcess process;

  private CollectorProcess(
      Path binary, String name, Path workDir, List<Path> configs, Map<String, String> extraEnv) {
    int[] ports = ManagedProcess.freePorts(6);
    health = ports[0];
    otlpGrpc = ports[1];
    otlpHttp = ports[2];
    stage2 = ports[3];
    prometheus = ports[4];
    selfMetrics = ports[5];
    storage = workDir.resolve(name + "-queue");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + health);
    env.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + otlpGrpc);
    env.put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttp);
    env.put("OTELCOL_STAGE2_ENDPOINT", "127.0.0.1:" + stage2);
    env.put("OTELCOL_STORAGE_DIR", storage.toString());
    env.put("OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + prometheus);
    env.put("OTELCOL_SELF_METRICS_PORT", Integer.toString(selfMetrics));
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    for (Path config : configs) {
      command.add("--config=" + config);
    }
    process =
        ManagedProcess.builder(name, command)
            .directory(workDir)
            .env(env)
            .log(workDir.resolve(name + ".log"))
            .readyWhenHttpOk(healthUrl())
            .build();
  }

  /**
   * Starts a collector named {@code name} (its log is {@code workDir/<name>.log}) with {@code
   * configs} (absolute paths, merged in order) and extra environment variables, and waits until its
   * health check answers 200.
   */
  public static CollectorProcess start(
      Path repoRoot, Path workDir, String name, List<Path> configs, Map<String, String> env) {
    for (Path config : configs) {
      if (!Files.isRegularFile(config)) {
        throw new IllegalArgumentException("collector config " + config + " does not exist");
      }
    }
    CollectorProcess collector =
        new CollectorProcess(binary(repoRoot), name, workDir, configs, env);
    deleteRecursively(
        collector.storage); // a queue left by an earlier run must not be replayed into this one
    collector.process.start();
    return collector;
  }

  /**
   * {@code -Dordertrace.otelcol.binary}, else the path {@code <repo>/tools/otel-binaries.sh
   * --print-paths --only collector} prints.
   */
  public static Path binary(Path repoRoot) {
    String property = System.getProperty("ordertrace.otelcol.binary", "");
    Path binary;
    if (!property.isBlank()) {
      binary = Path.of(property);
    } else {
      Command.Result paths =
          Command.builder(
                  List.of(
                      "bash",
                      repoRoot.resolve("tools/otel-binaries.sh").toString(),
                      "--print-paths",
                      "--only",
                      "collector"))
              .directory(repoRoot)
              .run();
      List<String> lines = paths.outLines();
      if (paths.exitCode() != 0 || lines.isEmpty()) {
        throw new IllegalStateException(
            "otelcol-ordertrace is not built: run tools/otel-binaries.sh --build (./test.sh does it),"
                + " or pass -Dordertrace.otelcol.binary ("
                + paths.output().strip()
                + ")");
      }
      binary = Path.of(lines.get(lines.size() - 1).strip());
    }
    if (!Files.isRegularFile(binary)) {
      throw new IllegalStateException(binary + " (the collector binary) does not exist");
    }
    return binary;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the collector's queue directory " + dir, e);
    }
  }

  /**
   * The OTLP/HTTP base URL, {@code http://127.0.0.1:port}: an agent's {@code
   * otel.exporter.otlp.endpoint}.
   */
  public String otlpHttpUrl() {
    return "http://127.0.0.1:" + otlpHttp;
  }

  /** The OTLP/HTTP traces endpoint, {@code http://127.0.0.1:port/v1/traces}. */
  public String tracesUrl() {
    return otlpHttpUrl() + "/v1/traces";
  }

  /** The OTLP/HTTP port. */
  public int otlpHttpPort() {
    return otlpHttp;
  }

  /** The OTLP/gRPC port. */
  public int otlpGrpcPort() {
    return otlpGrpc;
  }

  /** The OTLP/gRPC receiver, {@code 127.0.0.1:port}. */
  public String otlpGrpcEndpoint() {
    return "127.0.0.1:" + otlpGrpc;
  }

  /** The health check, {@code http://127.0.0.1:port/}. */
  public String healthUrl() {
    return "http://127.0.0.1:" + health + "/";
  }

  /** host:port of the Prometheus exporter (span metrics, service graph). */
  public String prometheusTarget() {
    return "127.0.0.1:" + prometheus;
  }

  /** host:port of the collector's own metrics. */
  public String selfMetricsTarget() {
    return "127.0.0.1:" + selfMetrics;
  }

  /** The directory of the persistent queues ({@code OTELCOL_STORAGE_DIR}). */
  public Path storageDir() {
    return storage;
  }

  /** The process itself: kill, stop, restart on the same ports and queue, pid, log. */
  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "otelcol at " + otlpHttpUrl() + " (" + process + ")";
  }
}
