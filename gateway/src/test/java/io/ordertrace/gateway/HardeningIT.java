/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrace.testing.Certificates;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of issue 9 against a gateway in front of a real Jaeger: idle and slow connections
 * (plain and TLS) must not starve a Grafana-shaped request and are closed within the header timeout
 * and audited; what the HTTP layer refuses is audited once with a reason and never reaches Jaeger;
 * one peer cannot hold more than its share of connections.
 */
class HardeningIT {

  private static final Path REPO_ROOT = RepositoryRoot.find();
  private static final Path WORK_DIR =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/jaeger-it"))
          .toAbsolutePath()
          .resolve("hardening");
  private static final String SECRET = "hardening-it-secret-0123456789";
  private static final int IDLE_CONNECTIONS = 64;
  private static final int HEADER_TIMEOUT_SECONDS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static JaegerProcess jaeger;

  @BeforeAll
  static void startJaegerAndMakeACertificate() throws Exception {
    Files.createDirectories(WORK_DIR);
    jaeger = JaegerProcess.start(REPO_ROOT, WORK_DIR, JaegerProcess.Storage.MEMORY);
    Certificates.selfSignedForLoopback(dir, "server");
  }

  @AfterAll
  static void stopJaeger() {
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void idleConnectionsDoNotStarveGrafanaAndAreClosedAndAudited(boolean tls) throws Exception {
    Path auditFile = dir.resolve("audit-idle-" + tls + ".log");
    try (AuditLog audit = AuditLog.toFile(auditFile);
        GatewayServer gateway = GatewayServer.start(config(auditFile, tls, Map.of()), audit)) {
      // Grafana's HTTP client is long-lived and warm (TLS initialised, connections pooled)
      HttpClient grafanaClient = grafanaClient(tls);
      assertThat(grafanaShapedRequest(grafanaClient, gateway).statusCode()).isEqualTo(200);
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < IDLE_CONNECTIONS; i++) {
          Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
          // plain: half a request line; TLS: one byte of a handshake. Then nothing.
          socket
              .getOutputStream()
              .write(tls ? new byte[] {0x16} : "GET /api/serv".getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          idle.add(socket);
        }
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> gateway.openConnections() >= IDLE_CONNECTIONS);

        long started = System.nanoTime();
        HttpResponse<String> grafana = grafanaShapedRequest(grafanaClient, gateway);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(grafana.statusCode()).as(grafana.body()).isEqualTo(200);
        assertThat(millis)
            .as("answer time with %d idle connections open", IDLE_CONNECTIONS)
            .isLessThan(1000);

        long opened = System.nanoTime();
        for (Socket socket : idle) {
          assertThat(closedByPeer(socket, Duration.ofSeconds(HEADER_TIMEOUT_SECONDS + 3))).isTrue();
        }
        assertThat((System.nanoTime() - opened) / 1_000_000)
            .isLessThan((HEADER_TIMEOUT_SECONDS + 3) * 1000L);
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
      List<JsonNode> lines = lines(auditFile);
      assertThat(lines).hasSize(IDLE_CONNECTIONS + 2);
      assertThat(lines.stream().filter(line -> line.get("status").asInt() == 408))
          .hasSize(IDLE_CONNECTIONS)
          .allSatisfy(
              line -> {
                assertThat(line.get("reason").asText())
                    .contains("within " + HEADER_TIMEOUT_SECONDS + " s");
                assertThat(line.get("client").asText()).isEqualTo("127.0.0.1");
                assertThat(line.get("upstream_status").isNull()).isTrue();
              });
    }
  }

  @Test
  void aClientDribblingItsHeadersIsCutOffAtTheHeaderTimeout() throws Exception {
    Path auditFile = dir.resolve("audit-slow.log");
    try (AuditLog audit = AuditLog.toFile(auditFile);
        GatewayServer gateway = GatewayServer.start(config(auditFile, false, Map.of()), audit);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
      byte[] request =
          ("GET /api/services HTTP/1.1\r\nHost: x\r\nX-Grafana-User: slow\r\n"
                  + "X-Padding: "
                  + "a".repeat(200)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      OutputStream out = socket.getOutputStream();
      long started = System.nanoTime();
      boolean cut = false;
      // one byte every 100 ms: never idle long enough for the idle timeout, far too slow overall
      for (byte b : request) {
        try {
          out.write(b);
          out.flush();
        } catch (IOException e) {
          cut = true;
          break;
        }
        if (closedByPeer(socket, Duration.ofMillis(100))) {
          cut = true;
          break;
        }
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      assertThat(cut).as("connection closed before the request was complete").isTrue();
      assertThat(seconds)
          .isBetween((long) HEADER_TIMEOUT_SECONDS - 1, (long) HEADER_TIMEOUT_SECONDS + 3);
      awaitOneAuditLine(
          auditFile,
          line ->
              assertThat(line.get("reason").asText())
                  .startsWith("incomplete request headers within"));
    }
  }

  @Test
  void onePeerCannotHoldMoreThanItsShareOfConnections() throws Exception {
    Path auditFile = dir.resolve("audit-peer.log");
    try (AuditLog audit = AuditLog.toFile(auditFile);
        GatewayServer gateway =
            GatewayServer.start(
                config(auditFile, false, Map.of("GATEWAY_MAX_CONNECTIONS_PER_PEER", "5")), audit)) {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          sockets.add(new Socket(InetAddress.getLoopbackAddress(), gateway.port()));
        }
        // which one is the sixth is up to the server's threads: exactly one is closed, at once
        await().atMost(Duration.ofSeconds(3)).until(() -> countClosed(sockets) == 1);
        assertThat(countClosed(sockets)).isEqualTo(1);
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      assertThat(lines(auditFile))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.get("status").asInt()).isEqualTo(429);
                assertThat(line.get("reason").asText())
                    .contains("more than 5 open connections from this peer");
              });
    }
  }

  /**
   * Raw requests the HTTP layer refuses, each audited once with a reason, never a 500, never
   * Jaeger.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "bad escape in the path|GET /api/tr%zzaces HTTP/1.1\r\nHost: x\r\n\r\n",
        "LF alone in a header|GET /api/services HTTP/1.1\r\nHost: x\r\nX-A: a\nb\r\n\r\n",
        "control character in a header|GET /api/services HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n",
        "oversized header|GET /api/services HTTP/1.1\r\nHost: x\r\nX-Big: BIG\r\n\r\n",
        "too many headers|GET /api/services HTTP/1.1\r\nHost: x\r\nMANY\r\n",
        "not HTTP|\u0085\u2028 hello\r\n\r\n",
        "encoded dot segments|GET /api/%2e%2e/%2e%2e/admin HTTP/1.1\r\nHost: x\r\n\r\n",
      })
  void whatTheHttpLayerRefusesIsAuditedOnce(String testCase) throws Exception {
    String raw =
        testCase
            .substring(testCase.indexOf('|') + 1)
            .replace("BIG", "a".repeat(9000))
            .replace("MANY", "X-H: v\r\n".repeat(2000));
    Path auditFile =
        dir.resolve("audit-raw-" + Integer.toUnsignedString(testCase.hashCode()) + ".log");
    try (AuditLog audit = AuditLog.toFile(auditFile);
        GatewayServer gateway = GatewayServer.start(config(auditFile, false, Map.of()), audit);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
      socket.setSoTimeout(5000);
      try {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // the server may close while a too-large request is still being sent
      }
      String statusLine = firstLine(socket.getInputStream());

      assertThat(statusLine).startsWith("HTTP/1.1 4");
      awaitOneAuditLine(
          auditFile,
          line -> {
            assertThat(line.get("status").asInt()).isBetween(400, 499);
            assertThat(line.get("reason").asText()).isNotBlank();
            assertThat(line.get("caller").asText()).isEqualTo("none");
            assertThat(line.get("upstream_status").isNull()).isTrue();
            assertThat(line.get("path").isNull() || line.get("path").asText().length() <= 80)
                .isTrue();
          });
      assertThat(Files.readString(auditFile))
          .doesNotContain("\u0085")
          .doesNotContain("\u2028")
          .doesNotContain("aaaaaaaaaa");
    }
  }

  private static HttpClient grafanaClient(boolean tls) throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (tls) {
      client.sslContext(Certificates.trusting(dir.resolve("server.pem")));
    }
    return client.build();
  }

  private static HttpResponse<String> grafanaShapedRequest(HttpClient client, GatewayServer gateway)
      throws Exception {
    // what Grafana's Jaeger datasource sends for the service list of the search form
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.url() + "/api/services"))
            .timeout(Duration.ofSeconds(5))
            .header(CallerAuthenticator.SECRET_HEADER, SECRET)
            .header(GatewayHandler.USER_HEADER, "jane.support")
            .header(GatewayHandler.ROLE_HEADER, "support")
            .header("Accept", "application/json, text/plain, */*")
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * True if the peer closed the connection (EOF or reset) within {@code wait}; what it sends before
   * (a 408) is read and dropped.
   */
  private static boolean closedByPeer(Socket socket, Duration wait) {
    try {
      await("the gateway closes the connection")
          .atMost(wait)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(() -> endOfStream(socket, Duration.ofMillis(Math.min(50, wait.toMillis()))));
      return true;
    } catch (ConditionTimeoutException notClosed) {
      return false;
    }
  }

  /**
   * Reads for at most {@code read}: true at end of stream or on a reset, false on data or silence.
   */
  private static boolean endOfStream(Socket socket, Duration read) throws IOException {
    socket.setSoTimeout((int) Math.max(1, read.toMillis()));
    try {
      return socket.getInputStream().read(new byte[4096]) < 0;
    } catch (SocketTimeoutException silence) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static int countClosed(List<Socket> sockets) throws IOException {
    int closed = 0;
    for (Socket socket : sockets) {
      if (closedByPeer(socket, Duration.ofMillis(50))) {
        closed++;
      }
    }
    return closed;
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().strip();
  }

  /**
   * Waits up to 2 s for the audit log to hold exactly one line, which must satisfy {@code check}.
   */
  private static void awaitOneAuditLine(Path auditFile, Consumer<JsonNode> check) {
    await()
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(lines(auditFile)).singleElement().satisfies(check::accept));
  }

  private static List<JsonNode> lines(Path auditFile) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static GatewayConfig config(Path audit, boolean tls, Map<String, String> extra)
      throws Exception {
    Map<String, String> variables = new HashMap<>();
    variables.put("GATEWAY_LISTEN", "127.0.0.1:0");
    variables.put("GATEWAY_JAEGER_URL", jaeger.queryUrl());
    variables.put("GATEWAY_SHARED_SECRET", SECRET);
    variables.put("GATEWAY_AUDIT_LOG", audit.toString());
    variables.put("GATEWAY_HEADER_TIMEOUT_SECONDS", Integer.toString(HEADER_TIMEOUT_SECONDS));
    variables.put("GATEWAY_IDLE_TIMEOUT_SECONDS", "30");
    if (tls) {
      variables.put("GATEWAY_TLS_CERT", dir.resolve("server.pem").toString());
      variables.put("GATEWAY_TLS_KEY", dir.resolve("server.key").toString());
    }
    variables.putAll(extra);
    return GatewayConfig.from(variables);
  }
}
