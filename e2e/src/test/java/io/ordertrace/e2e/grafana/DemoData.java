package io.ordertrace.e2e.grafana;

import io.ordertrace.demo.e2e.DemoStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.function.BooleanSupplier;

/**
 * The real pipeline (otelcol-ordertrace -> Tempo, span_metrics/service_graph -> Prometheus) on
 * free loopback ports, loaded with the demo's order flow (agent on every service) including
 * faulty orders, so that the dashboards' and alerts' queries can run against real data.
 *
 * <p>Why not {@code io.ordertrace.e2e.pipeline.PipelineProcesses}: it is package-private and
 * final, and this branch may not change that package; this class starts the same binaries with
 * the same repository configs and the same environment overrides.
 */
final class DemoData implements AutoCloseable {
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  final Path repo;
  final Path workDir;
  final int tempoHttp = freePort();
  final int tempoGrpc = freePort();
  final int tempoOtlpGrpc = freePort();
  final int tempoOtlpHttp = freePort();
  final int colHealth = freePort();
  final int colOtlpGrpc = freePort();
  final int colOtlpHttp = freePort();
  final int colStage2 = freePort();
  final int colProm = freePort();
  final int colSelf = freePort();
  final int promPort = freePort();
  private final List<Process> processes = new ArrayList<>();
  private DemoStack stack;
  /** last digit of the order id -> order id (0 healthy and shipped, 1 CRM fails, 2 MES nacks, 3 MES drops). */
  final Map<Character, String> orders = new LinkedHashMap<>();

  DemoData(String name) throws IOException {
    repo = findRepoRoot();
    workDir = repo.resolve("e2e/target/grafana").resolve(name + "-" + Long.toString(System.currentTimeMillis(), 36));
    Files.createDirectories(workDir);
  }

  static Path findRepoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("tools/otel-binaries.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root (with tools/otel-binaries.sh) not found");
    }
    return p;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tempoUrl() {
    return "http://127.0.0.1:" + tempoHttp;
  }

  String prometheusUrl() {
    return "http://127.0.0.1:" + promPort;
  }

  DemoData start() throws Exception {
    List<String> paths = run(List.of(repo.resolve("tools/otel-binaries.sh").toString(), "--print-paths"));
    String otelcol = paths.get(0).trim();
    String tempo = paths.get(1).trim();
    String prometheus = run(List.of(repo.resolve("deploy/prometheus/install.sh").toString()))
        .stream().reduce((a, b) -> b).orElse("prometheus").trim();

    Map<String, String> tenv = new LinkedHashMap<>();
    tenv.put("TEMPO_HTTP_PORT", "" + tempoHttp);
    tenv.put("TEMPO_GRPC_PORT", "" + tempoGrpc);
    tenv.put("TEMPO_OTLP_GRPC_PORT", "" + tempoOtlpGrpc);
    tenv.put("TEMPO_OTLP_HTTP_PORT", "" + tempoOtlpHttp);
    tenv.put("TEMPO_DATA_DIR", workDir.resolve("tempo-data").toString());
    tenv.put("TEMPO_TRACE_IDLE_PERIOD", "1s");
    tenv.put("TEMPO_MIN_READY_DURATION", "1s");
    start("tempo", List.of(tempo, "-config.file=" + repo.resolve("tempo/tempo-local.yaml"), "-config.expand-env=true"),
        tenv, tempoUrl() + "/ready");

    Map<String, String> cenv = new LinkedHashMap<>();
    cenv.put("OTELCOL_HEALTH_ENDPOINT", "127.0.0.1:" + colHealth);
    cenv.put("OTELCOL_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + colOtlpGrpc);
    cenv.put("OTELCOL_OTLP_HTTP_ENDPOINT", "127.0.0.1:" + colOtlpHttp);
    cenv.put("OTELCOL_STAGE2_ENDPOINT", "127.0.0.1:" + colStage2);
    cenv.put("OTELCOL_STORAGE_DIR", workDir.resolve("otelcol-queue").toString());
    cenv.put("OTELCOL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + colProm);
    cenv.put("OTELCOL_SELF_METRICS_PORT", "" + colSelf);
    cenv.put("OTELCOL_METRICS_FLUSH_INTERVAL", "2s");
    cenv.put("OTELCOL_DECISION_WAIT", "3s");
    cenv.put("TEMPO_OTLP_GRPC_ENDPOINT", "127.0.0.1:" + tempoOtlpGrpc);
    start("otelcol", List.of(otelcol, "--config=" + repo.resolve("collector-config/otelcol.yaml")), cenv,
        "http://127.0.0.1:" + colHealth + "/");

    String config = Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"), StandardCharsets.UTF_8)
        .replace("127.0.0.1:8889", "127.0.0.1:" + colProm)
        .replace("127.0.0.1:8888", "127.0.0.1:" + colSelf)
        .replace("scrape_interval: 15s", "scrape_interval: 1s");
    Path file = workDir.resolve("prometheus.yml");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    start("prometheus", List.of(prometheus, "--config.file=" + file, "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
        "--web.listen-address=127.0.0.1:" + promPort), Map.of(), prometheusUrl() + "/-/ready");

    String agent = System.getProperty("ordertrace.javaagent");
    if (agent == null || !Files.isRegularFile(Path.of(agent))) {
      throw new IllegalStateException("one-jar agent (system property ordertrace.javaagent) missing: " + agent);
    }
    stack = DemoStack.builder()
        .name("GrafanaQueriesIT")
        .tracedJvmArgs(List.of(
            "-javaagent:" + agent,
            "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.exporter.otlp.traces.endpoint=http://127.0.0.1:" + colOtlpHttp + "/v1/traces",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.bsp.schedule.delay=200"))
        // the same fault injection as OrderFlowTracingIT: errors, nacks, a lost order
        .env("CRM_FAIL_ORDER_IDS", "\\d*1")
        .env("MES_NACK_ORDER_IDS", "\\d*2")
        .env("MES_DROP_ORDER_IDS", "\\d*3")
        .start();
    runOrders();
    return this;
  }

  private void runOrders() throws Exception {
    for (int i = 0; i < 30 && orders.size() < 4; i++) {
      HttpResponse<String> created = post(stack.url("shop-api") + "/api/orders",
          "{\"customer\":{\"name\":\"Test Customer\",\"email\":\"test@example.ru\",\"phone\":\"+7 (916) 000-00-00\"},"
              + "\"deliveryAddress\":{\"street\":\"Test 1\",\"postalCode\":\"125009\",\"city\":\"Moskva\",\"country\":\"RU\"},"
              + "\"items\":[{\"sku\":\"RING-GOLD-ALX\",\"quantity\":1}]}");
      if (created.statusCode() != 201) {
        throw new IllegalStateException("order not placed: " + created.statusCode() + " " + created.body());
      }
      String id = created.headers().firstValue("X-Order-Id").orElseThrow();
      char last = id.charAt(id.length() - 1);
      if (last >= '0' && last <= '3') {
        orders.putIfAbsent(last, id);
      }
    }
    if (orders.size() < 4) {
      throw new IllegalStateException("no order ids ending in 0..3 were issued: " + orders);
    }
    for (String id : orders.values()) {
      post(stack.url("crm-api") + "/crm/orders/" + id + "/approve", null);
    }
    String healthy = orders.get('0');
    await(() -> get(stack.url("mes-api") + "/mes/orders/" + healthy).body().contains("in_production"), "order in production");
    HttpResponse<String> shipped = post(stack.url("mes-api") + "/mes/orders/" + healthy + "/ship", null);
    if (shipped.statusCode() != 200) {
      throw new IllegalStateException("ship failed: " + shipped.statusCode());
    }
  }

  private HttpResponse<String> post(String url, String json) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).header("X-User-Id", "u-3003").timeout(Duration.ofSeconds(30));
    r = json == null ? r.POST(HttpRequest.BodyPublishers.noBody())
        : r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url) {
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

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static void await(BooleanSupplier cond, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        if (cond.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException ignored) {
        // not yet
      }
      sleep(1000);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void start(String name, List<String> cmd, Map<String, String> env, String readyUrl) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".log").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited " + p.exitValue() + "; see " + workDir.resolve(name + ".log"));
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " not ready at " + readyUrl);
  }

  static List<String> run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(8, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command + " exited " + p.exitValue() + ":\n" + out);
    }
    return out.lines().toList();
  }

  @Override
  public void close() {
    if (stack != null) {
      stack.close();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(12, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
