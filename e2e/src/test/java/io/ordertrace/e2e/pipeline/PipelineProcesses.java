/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import io.ordertrace.testing.CollectorProcess;
import io.ordertrace.testing.Command;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.RepositoryRoot;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the REAL pipeline binaries (otelcol-ordertrace, Jaeger, Prometheus, a loopback S3 store)
 * for the pipeline tests through test-support's one process harness ({@link ManagedProcess}, {@link
 * CollectorProcess}, {@link JaegerProcess}): free loopback ports, configs from the repository
 * steered by environment variables, readiness waits with timeouts, logs under {@code
 * e2e/target/pipeline/<run>/}, and a stop that never leaves a process behind. Everything a test
 * starts goes through one instance, and {@link #close()} (from {@code @AfterAll}) stops it all.
 *
 * <p>Public so that tests of other packages (the Grafana queries' {@code DemoData}) start the
 * pipeline the same way instead of copying it.
 */
public final class PipelineProcesses implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  final Path repo;

  /** Where the logs and data of this run go: {@code e2e/target/<area>/<name>-<time>/}. */
  public final Path workDir;

  final Path otelcol;
  private final List<AutoCloseable> started = new ArrayList<>();

  PipelineProcesses(String name) {
    this("pipeline", name);
  }

  /**
   * Resolves the cached binaries; the run's files go to {@code e2e/target/<area>/<name>-<time>/}.
   */
  public PipelineProcesses(String area, String name) {
    this.repo = RepositoryRoot.find();
    this.workDir =
        repo.resolve("e2e/target")
            .resolve(area)
            .resolve(name + "-" + Long.toString(System.currentTimeMillis(), 36));
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.otelcol = CollectorProcess.binary(repo);
  }

  /** The repository root: see {@link RepositoryRoot#find()}. */
  public static Path findRepoRoot() {
    return RepositoryRoot.find();
  }

  /** A port free on the loopback interface right now. */
  public static int freePort() {
    return ManagedProcess.freePort();
  }

  // ------------------------------------------------------------------ processes

  /**
   * Starts a binary of this run (log {@code workDir/<name>.log}), ready when {@code readyUrl}
   * answers 200 (any time when null); stopped by {@link #close()}. Restartable.
   */
  ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      String readyUrl,
      boolean slowStop) {
    ManagedProcess.Builder builder =
        ManagedProcess.builder(name, command)
            .directory(workDir)
            .env(env)
            .log(workDir.resolve(name + ".log"))
            .readyTimeout(READY_TIMEOUT)
            .stopGrace(Duration.ofSeconds(slowStop ? 12 : 10));
    if (readyUrl != null) {
      builder.readyWhenHttpOk(readyUrl);
    }
    ManagedProcess process = builder.build();
    started.add(process);
    return process.start();
  }

  // ------------------------------------------------------------------ Jaeger

  /**
   * A Jaeger on Badger (jaeger/jaeger-local.yaml) under this run's directory, stopped by {@link
   * #close()}.
   */
  public JaegerProcess jaeger(String name) {
    return jaeger(name, JaegerProcess.Storage.BADGER, Map.of());
  }

  /** A Jaeger with the given storage and extra environment (e.g. {@code JAEGER_RETENTION}). */
  public JaegerProcess jaeger(String name, JaegerProcess.Storage storage, Map<String, String> env) {
    return jaeger(name, storage, env, List.of());
  }

  /** A Jaeger with overlays (repository paths) merged over the storage's config. */
  public JaegerProcess jaeger(
      String name, JaegerProcess.Storage storage, Map<String, String> env, List<String> overlays) {
    try {
      JaegerProcess jaeger =
          JaegerProcess.start(repo, workDir.resolve(name), storage, env, overlays);
      started.add(jaeger);
      return jaeger;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ collector

  /** A collector on free ports; {@code configs} are repository paths merged in order. */
  public final class Collector {
    final CollectorProcess collector;
    final int otlpHttp;
    final int otlpGrpc;

    /** Kill, stop, restart (same ports and queue directory), pid. */
    final ManagedProcess process;

    Collector(String name, List<String> configs, Map<String, String> extraEnv) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("OTELCOL_METRICS_FLUSH_INTERVAL", "2s");
      env.put("OTELCOL_DECISION_WAIT", "3s");
      env.putAll(extraEnv);
      collector =
          CollectorProcess.start(
              repo, workDir, name, configs.stream().map(repo::resolve).toList(), env);
      started.add(collector);
      otlpHttp = collector.otlpHttpPort();
      otlpGrpc = collector.otlpGrpcPort();
      process = collector.process();
    }

    /**
     * The OTLP/HTTP traces endpoint, for the agent's {@code otel.exporter.otlp.traces.endpoint}.
     */
    public String tracesUrl() {
      return collector.tracesUrl();
    }

    /** host:port of the span_metrics/service_graph exporter, for Prometheus to scrape. */
    public String prometheusTarget() {
      return collector.prometheusTarget();
    }

    /** host:port of the collector's own metrics, for Prometheus to scrape. */
    public String selfMetricsTarget() {
      return collector.selfMetricsTarget();
    }
  }

  /** A gateway collector (collector-config/otelcol.yaml) exporting to {@code jaeger}. */
  public Collector gateway(String name, JaegerProcess jaeger) {
    return new Collector(
        name,
        List.of("collector-config/otelcol.yaml"),
        Map.of("JAEGER_OTLP_GRPC_ENDPOINT", jaeger.otlpGrpcEndpoint()));
  }

  // ------------------------------------------------------------------ Prometheus

  /** Debian's prometheus with deploy/prometheus/prometheus.yml pointed at the test's ports. */
  public final class Prometheus {
    final int port = freePort();
    final ManagedProcess process;

    /**
     * Scrapes {@code redTarget} (span_metrics/service_graph) and {@code selfTarget} (otelcol-self)
     * every second.
     */
    public Prometheus(String redTarget, String selfTarget) throws IOException {
      // install.sh prints the binary's path last on stdout (apt's progress goes to stderr)
      String binary =
          Command.run(
                  List.of(repo.resolve("deploy/prometheus/install.sh").toString()),
                  Duration.ofMinutes(8))
              .orThrow()
              .outLines()
              .stream()
              .reduce((a, b) -> b)
              .orElse("prometheus")
              .trim();
      String config =
          Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"), StandardCharsets.UTF_8)
              .replace("127.0.0.1:8889", redTarget)
              .replace("127.0.0.1:8888", selfTarget)
              .replace("scrape_interval: 15s", "scrape_interval: 1s");
      Path file = workDir.resolve("prometheus.yml");
      Files.writeString(file, config, StandardCharsets.UTF_8);
      process =
          PipelineProcesses.this.start(
              "prometheus",
              List.of(
                  binary,
                  "--config.file=" + file,
                  "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
                  "--web.listen-address=127.0.0.1:" + port),
              Map.of(),
              url() + "/-/ready",
              false);
    }

    /** Prometheus' HTTP API. */
    public String url() {
      return "http://127.0.0.1:" + port;
    }

    /** The JSON answer of an instant query. */
    String query(String promql) {
      return get(url()
              + "/api/v1/query?query="
              + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8))
          .body();
    }
  }

  // ------------------------------------------------------------------ demo services

  /**
   * JVM arguments that trace a demo service with the one-jar {@code agent} into {@code collector}
   * (OTLP/HTTP).
   */
  public static List<String> agentJvmArgs(String agent, Collector collector) {
    return List.of(
        "-javaagent:" + agent,
        "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.exporter.otlp.traces.endpoint=" + collector.tracesUrl(),
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.bsp.schedule.delay=200");
  }

  /** The shop API's JSON for an order of one gold ring by the given customer. */
  public static String orderJson(String name, String email, String phone, String street) {
    return "{\"customer\":{\"name\":\""
        + name
        + "\",\"email\":\""
        + email
        + "\",\"phone\":\""
        + phone
        + "\"},"
        + "\"deliveryAddress\":{\"street\":\""
        + street
        + "\",\"postalCode\":\"125009\",\"city\":\"Moskva\",\"country\":\"RU\"},"
        + "\"items\":[{\"sku\":\"RING-GOLD-ALX\",\"quantity\":1}]}";
  }

  /** POSTs to a demo service as user u-3003: {@code json} as the body, or no body when null. */
  public static HttpResponse<String> post(String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url))
            .header("X-User-Id", "u-3003")
            .timeout(Duration.ofSeconds(30));
    r =
        json == null
            ? r.POST(HttpRequest.BodyPublishers.noBody())
            : r.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ------------------------------------------------------------------ HTTP helpers

  static int status(String url) {
    return ManagedProcess.httpStatus(url);
  }

  /** GET with a 20 s timeout; I/O errors are unchecked. */
  public static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Thread.sleep without the checked exception. */
  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("PipelineProcesses: could not stop " + started.get(i) + ": " + e);
      }
    }
  }
}
