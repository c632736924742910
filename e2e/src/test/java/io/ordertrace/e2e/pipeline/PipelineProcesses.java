package io.ordertrace.e2e.pipeline;

import io.ordertrace.testing.JaegerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * Starts the REAL pipeline binaries (otelcol-ordertrace, Jaeger, Prometheus, a loopback S3 store)
 * for the pipeline tests: free loopback ports, configs from the repository steered by environment
 * variables, readiness waits with timeouts, logs under {@code e2e/target/pipeline/<run>/}, and a
 * stop that never leaves a process behind. Everything a test starts goes through one instance,
 * and {@link #close()} (from {@code @AfterAll}) stops it all.
 *
 * <p>Public so that tests of other packages (the Grafana queries' {@code DemoData}) start the
 * pipeline the same way instead of copying it.
 */
public final class PipelineProcesses implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  final Path repo;
  /** Where the logs and data of this run go: {@code e2e/target/<area>/<name>-<time>/}. */
  public final Path workDir;
  final Path otelcol;
  private final List<Managed> started = new ArrayList<>();
  private final List<JaegerProcess> jaegers = new ArrayList<>();

  PipelineProcesses(String name) {
    this("pipeline", name);
  }

  /** Resolves the cached binaries; the run's files go to {@code e2e/target/<area>/<name>-<time>/}. */
  public PipelineProcesses(String area, String name) {
    this.repo = findRepoRoot();
    this.workDir = repo.resolve("e2e/target").resolve(area).resolve(name + "-" + Long.toString(System.currentTimeMillis(), 36));
    try {
      Files.createDirectories(workDir);
      List<String> paths = run(List.of(repo.resolve("tools/otel-binaries.sh").toString(), "--print-paths",
          "--only", "collector"), Duration.ofSeconds(60));
      this.otelcol = Path.of(paths.get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: system property {@code ordertrace.repo.root}, else the first parent with tools/otel-binaries.sh. */
  public static Path findRepoRoot() {
    String prop = System.getProperty("ordertrace.repo.root");
    if (prop != null && Files.isRegularFile(Path.of(prop, "tools/otel-binaries.sh"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("tools/otel-binaries.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root (with tools/otel-binaries.sh) not found");
    }
    return p;
  }

  /** A port free on the loopback interface right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a short command to completion; its output lines, or an error with the output. */
  static List<String> run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command + " exited " + p.exitValue() + ":\n" + out);
    }
    return out.lines().toList();
  }

  // ------------------------------------------------------------------ processes

  /** One started binary. Restartable with the same command, environment and log file. */
  final class Managed {
    final String name;
    final List<String> command;
    final Map<String, String> env;
    final Path log;
    final String readyUrl;
    final boolean slowStop;
    Process process;

    Managed(String name, List<String> command, Map<String, String> env, String readyUrl, boolean slowStop) {
      this.name = name;
      this.command = command;
      this.env = env;
      this.log = workDir.resolve(name + ".log");
      this.readyUrl = readyUrl;
      this.slowStop = slowStop;
    }

    Managed start() {
      ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      awaitReady();
      return this;
    }

    void awaitReady() {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        if (readyUrl == null || status(readyUrl) == 200) {
          return;
        }
        sleep(250);
      }
      throw new IllegalStateException(name + " not ready at " + readyUrl + " within " + READY_TIMEOUT + "; see " + log);
    }

    /** kill -9: no chance to flush anything. */
    void kill9() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
      }
    }

    /** SIGTERM, then SIGKILL after 10 s (12 s for a slow stopper). */
    void stop() {
      if (process == null || !process.isAlive()) {
        return;
      }
      process.destroy();
      if (!waitFor(process, Duration.ofSeconds(slowStop ? 12 : 10))) {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
      }
    }

    String logText() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
  }

  private static boolean waitFor(Process p, Duration d) {
    try {
      return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Managed start(String name, List<String> command, Map<String, String> env, String readyUrl, boolean slowStop) {
    Managed m = new Managed(name, command, env, readyUrl, slowStop);
    started.add(m);
    return m.start();
  }

  // ------------------------------------------------------------------ Jaeger

  /** A Jaeger on Badger (jaeger/jaeger-local.yaml) under this run's directory, stopped by {@link #close()}. */
  public JaegerProcess jaeger(String name) {
    return jaeger(name, JaegerProcess.Storage.BADGER, Map.of());
  }

  /** A Jaeger with the given storage and extra environment (e.g. {@code JAEGER_RETENTION}). */
  public JaegerProcess jaeger(String name, JaegerProcess.Storage storage, Map<String, String> env) {
    return jaeger(name, storage, env, List.of());
  }

  /** A Jaeger with overlays (repository paths) merged over the storage's config. */
  public JaegerProcess jaeger(String name, JaegerProcess.Storage storage, Map<String, String> env, List<String> overlays) {
    try {
      JaegerProcess jaeger = JaegerProcess.start(repo, workDir.resolve(name), storage, env, overlays);
      jaegers.add(jaeger);
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
    final int health = freePort();
    final int otlpGrpc = freePort();
    final int otlpHttp = freePort();
    final int stage2 = freePort();
    final int prometheus = freePort();
    final int selfMetrics = freePort();
    final Path storage;
    final Managed process;

    Collector(String name, List<String> configs, Map<String, String> extraEnv) {
      storage = workDir.resolve(name + "-queue");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + health);
      env.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + otlpGrpc);
      env.put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + otlpHttp);
      env.put("OTELCOL_STAGE2_ENDPOINT", "127.0.0.1:" + stage2);
      env.put("OTELCOL_STORAGE_DIR", storage.toString());
      env.put("OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + prometheus);
      env.put("OTELCOL_SELF_METRICS_PORT", Integer.toString(selfMetrics));
      env.put("OTELCOL_METRICS_FLUSH_INTERVAL", "2s");
      env.put("OTELCOL_DECISION_WAIT", "3s");
      env.putAll(extraEnv);
      List<String> cmd = new ArrayList<>();
      cmd.add(otelcol.toString());
      for (String c : configs) {
        cmd.add("--config=" + repo.resolve(c));
      }
      process = PipelineProcesses.this.start(name, cmd, env, "http://127.0.0.1:" + health + "/", false);
    }

    /** The OTLP/HTTP traces endpoint, for the agent's {@code otel.exporter.otlp.traces.endpoint}. */
    public String tracesUrl() {
      return "http://127.0.0.1:" + otlpHttp + "/v1/traces";
    }

    /** host:port of the span_metrics/service_graph exporter, for Prometheus to scrape. */
    public String prometheusTarget() {
      return "127.0.0.1:" + prometheus;
    }

    /** host:port of the collector's own metrics, for Prometheus to scrape. */
    public String selfMetricsTarget() {
      return "127.0.0.1:" + selfMetrics;
    }
  }

  /** A gateway collector (collector-config/otelcol.yaml) exporting to {@code jaeger}. */
  public Collector gateway(String name, JaegerProcess jaeger) {
    return new Collector(name, List.of("collector-config/otelcol.yaml"),
        Map.of("JAEGER_OTLP_GRPC_ENDPOINT", jaeger.otlpGrpcEndpoint()));
  }

  // ------------------------------------------------------------------ Prometheus

  /** Debian's prometheus with deploy/prometheus/prometheus.yml pointed at the test's ports. */
  public final class Prometheus {
    final int port = freePort();
    final Managed process;

    /** Scrapes {@code redTarget} (span_metrics/service_graph) and {@code selfTarget} (otelcol-self) every second. */
    public Prometheus(String redTarget, String selfTarget) throws IOException {
      String binary = run(List.of(repo.resolve("deploy/prometheus/install.sh").toString()), Duration.ofMinutes(8))
          .stream().reduce((a, b) -> b).orElse("prometheus").trim();
      String config = Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"), StandardCharsets.UTF_8)
          .replace("127.0.0.1:8889", redTarget)
          .replace("127.0.0.1:8888", selfTarget)
          .replace("scrape_interval: 15s", "scrape_interval: 1s");
      Path file = workDir.resolve("prometheus.yml");
      Files.writeString(file, config, StandardCharsets.UTF_8);
      process = PipelineProcesses.this.start("prometheus",
          List.of(binary, "--config.file=" + file, "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
              "--web.listen-address=127.0.0.1:" + port),
          Map.of(), url() + "/-/ready", false);
    }

    /** Prometheus' HTTP API. */
    public String url() {
      return "http://127.0.0.1:" + port;
    }

    /** The JSON answer of an instant query. */
    String query(String promql) {
      return get(url() + "/api/v1/query?query=" + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
    }
  }

  // ------------------------------------------------------------------ demo services

  /** JVM arguments that trace a demo service with the one-jar {@code agent} into {@code collector} (OTLP/HTTP). */
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
    return "{\"customer\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"},"
        + "\"deliveryAddress\":{\"street\":\"" + street + "\",\"postalCode\":\"125009\",\"city\":\"Moskva\",\"country\":\"RU\"},"
        + "\"items\":[{\"sku\":\"RING-GOLD-ALX\",\"quantity\":1}]}";
  }

  /** POSTs to a demo service as user u-3003: {@code json} as the body, or no body when null. */
  public static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("X-User-Id", "u-3003").timeout(Duration.ofSeconds(30));
    r = json == null ? r.POST(HttpRequest.BodyPublishers.noBody())
        : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ------------------------------------------------------------------ HTTP helpers

  static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** GET with a 20 s timeout; I/O errors are unchecked. */
  public static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
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
    jaegers.forEach(JaegerProcess::close);
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).stop();
      } catch (RuntimeException e) {
        started.get(i).kill9();
      }
    }
  }
}
