package io.ordertrace.e2e.grafana;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway jar ({@code gateway/target/ordertrace-gateway.jar}, built by the reactor
 * before e2e) started as operators run it (gateway/README.md): plain HTTP on a free loopback
 * port, a shared secret, Jaeger's query API behind it, the audit log in a file.
 */
final class GatewayProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final String url;
  final Path auditLog;
  private final Path stderr;

  private GatewayProcess(Process process, String url, Path auditLog, Path stderr) {
    this.process = process;
    this.url = url;
    this.auditLog = auditLog;
    this.stderr = stderr;
  }

  static GatewayProcess start(Path repo, Path workDir, String jaegerUrl, String secret) throws IOException {
    Path jar = repo.resolve("gateway/target/ordertrace-gateway.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("gateway jar missing (build with -pl e2e -am): " + jar);
    }
    Files.createDirectories(workDir);
    Path audit = workDir.resolve("gateway-audit.jsonl");
    Path err = workDir.resolve("gateway.stderr");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_"));
    pb.environment().putAll(Map.of(
        "GATEWAY_LISTEN", "127.0.0.1:0",
        "GATEWAY_JAEGER_URL", jaegerUrl,
        "GATEWAY_SHARED_SECRET", secret,
        "GATEWAY_AUDIT_LOG", audit.toString()));
    pb.redirectOutput(workDir.resolve("gateway.stdout").toFile());
    Process p = pb.start();
    // the second stderr line names the URL: "ordertrace-gateway: listening on http://127.0.0.1:P, ..."
    CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        String found = null;
        while ((line = r.readLine()) != null) {
          lines.add(line);
          Files.write(err, lines, StandardCharsets.UTF_8);
          Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
          if (found == null && m.find()) {
            found = m.group(1);
            final String u = found;
            // keep draining stderr in the background
            Thread t = new Thread(() -> drain(r, lines, err), "gateway-stderr");
            t.setDaemon(true);
            t.start();
            return u;
          }
        }
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      // a JVM start on the shared, loaded build machine can take minutes
      String u = listening.get(180, TimeUnit.SECONDS);
      if (u == null) {
        throw new IllegalStateException("gateway exited: " + Files.readString(err));
      }
      return new GatewayProcess(p, u, audit, err);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("gateway did not start: " + (Files.exists(err) ? Files.readString(err) : ""), e);
    }
  }

  private static void drain(BufferedReader r, List<String> lines, Path err) {
    try {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        Files.write(err, lines, StandardCharsets.UTF_8);
      }
    } catch (IOException ignored) {
      // process gone
    }
  }

  /** Sends a replayed Grafana request; headers exactly as given. */
  HttpResponse<String> send(GrafanaJaegerDatasource.Request request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + request.pathAndQuery())).timeout(Duration.ofSeconds(60)).GET();
    // the JDK client sets these itself (and refuses to be told); Grafana's Go client sends them too
    request.headers().forEach((k, v) -> {
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
      return Files.exists(auditLog) ? Files.readAllLines(auditLog, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String stderr() throws IOException {
    return Files.exists(stderr) ? Files.readString(stderr) : "";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
