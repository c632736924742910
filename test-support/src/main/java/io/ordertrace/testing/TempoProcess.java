package io.ordertrace.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Grafana Tempo for the integration tests, on free loopback ports with its own storage
 * under {@code target/}. The binary is the one {@code tools/otel-binaries.sh} builds and caches;
 * the configuration is the repository's {@code tempo/tempo-local.yaml} with ports and paths
 * replaced.
 *
 * <p>Overrides: {@code -Dordertrace.tempo.binary=/path/to/tempo} and
 * {@code -Dordertrace.tempo.config=/path/to/tempo-local.yaml}.
 */
public final class TempoProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /** The defaults of tempo-local.yaml, and the environment variables that override them. */
  private static final Map<String, String> PORT_VARIABLES =
      Map.of(
          "3200", "TEMPO_HTTP_PORT",
          "9095", "TEMPO_GRPC_PORT",
          "4417", "TEMPO_OTLP_GRPC_PORT",
          "4418", "TEMPO_OTLP_HTTP_PORT");

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int otlpHttpPort;
  private final Thread shutdownHook;

  private TempoProcess(Process process, Path log, int httpPort, int otlpHttpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.otlpHttpPort = otlpHttpPort;
    this.shutdownHook = new Thread(this::stop, "stop-tempo");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts Tempo and waits until {@code /ready} answers 200. */
  public static TempoProcess start(Path repoRoot, Path workDir) throws IOException, InterruptedException {
    Path binary = binary(repoRoot);
    Path config = config(repoRoot);
    Files.createDirectories(workDir);
    Path dataDir = workDir.resolve("data");
    deleteRecursively(dataDir);
    Files.createDirectories(dataDir);

    int[] ports = freePorts(4);
    Map<String, Integer> portOf =
        Map.of("3200", ports[0], "9095", ports[1], "4417", ports[2], "4418", ports[3]);

    // Replace the defaults in the file (works whether or not the file uses ${VAR:-default}),
    // and set the variables too, for a file that only reads them.
    String text = Files.readString(config);
    for (Map.Entry<String, Integer> port : portOf.entrySet()) {
      text = text.replaceAll("(?<![0-9])" + port.getKey() + "(?![0-9])", String.valueOf(port.getValue()));
    }
    text = text.replace("./tempo-data", dataDir.toString());
    Path derived = workDir.resolve("tempo.yaml");
    Files.writeString(derived, text);

    Path log = workDir.resolve("tempo.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(), "-config.file=" + derived, "-config.expand-env=true")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    portOf.forEach((defaultPort, port) -> env.put(PORT_VARIABLES.get(defaultPort), String.valueOf(port)));
    env.put("TEMPO_LISTEN_ADDRESS", "127.0.0.1");
    env.put("TEMPO_DATA_DIR", dataDir.toString());
    // ready and searchable within a second or two, not the production 15 s / 10 s
    env.put("TEMPO_MIN_READY_DURATION", "1s");
    env.put("TEMPO_TRACE_IDLE_PERIOD", "1s");

    TempoProcess tempo = new TempoProcess(builder.start(), log, ports[0], ports[3]);
    try {
      tempo.awaitReady();
    } catch (RuntimeException | Error | InterruptedException e) {
      tempo.close();
      throw e;
    }
    return tempo;
  }

  /** Tempo's query API, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The OTLP/HTTP traces endpoint. */
  public String otlpTracesUrl() {
    return "http://127.0.0.1:" + otlpHttpPort + "/v1/traces";
  }

  /** The last lines of Tempo's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Tempo exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body().strip();
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Tempo not ready after " + READY_TIMEOUT + " (last: " + last + "):\n" + logTail());
  }

  /**
   * {@code -Dordertrace.tempo.binary}, else the second line of
   * {@code <repo>/tools/otel-binaries.sh --print-paths}.
   */
  public static Path binary(Path repoRoot) throws IOException, InterruptedException {
    String property = System.getProperty("ordertrace.tempo.binary", "");
    if (!property.isBlank()) {
      return existing(Paths.get(property), "-Dordertrace.tempo.binary");
    }
    Path script = repoRoot.resolve("tools/otel-binaries.sh");
    if (!Files.isRegularFile(script)) {
      throw new AssertionError(
          script + " not found: pass the Tempo binary with -Dordertrace.tempo.binary=/path/to/tempo"
              + " (and -Dordertrace.tempo.config=/path/to/tempo-local.yaml)");
    }
    Process process =
        new ProcessBuilder("bash", script.toString(), "--print-paths")
            .directory(repoRoot.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(
          script + " --print-paths failed: build the binaries first with " + script);
    }
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    if (lines.size() < 2) {
      throw new AssertionError(script + " --print-paths printed no Tempo path: " + output);
    }
    return existing(Paths.get(lines.get(1).strip()), script + " --print-paths");
  }

  /** {@code -Dordertrace.tempo.config}, else {@code <repo>/tempo/tempo-local.yaml}. */
  public static Path config(Path repoRoot) {
    String property = System.getProperty("ordertrace.tempo.config", "");
    if (!property.isBlank()) {
      return existing(Paths.get(property), "-Dordertrace.tempo.config");
    }
    return existing(repoRoot.resolve("tempo/tempo-local.yaml"), "the repository");
  }

  private static Path existing(Path path, String from) {
    if (!Files.isRegularFile(path)) {
      throw new AssertionError(path + " (from " + from + ") does not exist");
    }
    return path;
  }

  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
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

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: Tempo shuts down cleanly
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  @Override
  public String toString() {
    return "Tempo at " + url() + " (pid " + process.pid() + ")";
  }
}
