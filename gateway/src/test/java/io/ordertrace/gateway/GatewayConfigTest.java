/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

  private static final String SECRET = "0123456789abcdef-secret";

  @TempDir Path dir;

  private static Map<String, String> vars(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void defaults() throws Exception {
    GatewayConfig config = GatewayConfig.from(vars("GATEWAY_SHARED_SECRET", SECRET));

    assertThat(config.listenAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(config.listenPort()).isEqualTo(3201);
    assertThat(config.jaegerUrl()).hasToString("http://127.0.0.1:16686");
    assertThat(config.sharedSecret()).contains(SECRET);
    assertThat(config.tls()).isFalse();
    assertThat(config.auditLog()).isEmpty();
    assertThat(config.limits()).isEqualTo(GatewayConfig.Limits.defaults());
    assertThat(config.limits().upstreamTimeout()).hasSeconds(30);
    assertThat(config.limits().headerTimeout()).hasSeconds(10);
    assertThat(config.limits().idleTimeout()).hasSeconds(30);
    assertThat(config.limits().supportMaxTraces()).isEqualTo(20);
    assertThat(config.limits().developerMaxTraces()).isEqualTo(200);
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void everything() throws Exception {
    Path secretFile = privateFile("secret", SECRET + "\n");
    GatewayConfig config =
        GatewayConfig.from(
            vars(
                "GATEWAY_LISTEN", "localhost:0",
                "GATEWAY_JAEGER_URL", "http://jaeger.internal:16686/",
                "GATEWAY_SHARED_SECRET_FILE", secretFile.toString(),
                "GATEWAY_AUDIT_LOG", dir.resolve("audit.log").toString(),
                "GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "5",
                "GATEWAY_HEADER_TIMEOUT_SECONDS", "3",
                "GATEWAY_IDLE_TIMEOUT_SECONDS", "7",
                "GATEWAY_MAX_CONNECTIONS", "100",
                "GATEWAY_MAX_CONNECTIONS_PER_PEER", "9",
                "GATEWAY_MAX_THREADS", "16",
                "GATEWAY_MAX_HEADER_BYTES", "4096",
                "GATEWAY_SUPPORT_MAX_TRACES", "5",
                "GATEWAY_DEVELOPER_MAX_TRACES", "50",
                "GATEWAY_MAX_RESPONSE_BYTES", "65536"));

    assertThat(config.listenPort()).isZero();
    assertThat(config.jaegerUrl()).hasToString("http://jaeger.internal:16686");
    assertThat(config.sharedSecret()).contains(SECRET);
    assertThat(config.auditLog()).contains(dir.resolve("audit.log"));
    assertThat(config.limits())
        .isEqualTo(
            new GatewayConfig.Limits(
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                Duration.ofSeconds(7),
                100,
                9,
                16,
                4096,
                5,
                50,
                65536));
  }

  @Test
  void errorsNameTheVariableAndValue() {
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "3201"),
        "GATEWAY_LISTEN=3201 is not host:port");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "127.0.0.1:http"),
        "GATEWAY_LISTEN=127.0.0.1:http: port is not a number");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "127.0.0.1:70000"),
        "GATEWAY_LISTEN=127.0.0.1:70000: port must be 0-65535");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "0.0.0.0:3201"),
        "GATEWAY_LISTEN=0.0.0.0:3201 is not a loopback address");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_JAEGER_URL", "jaeger:16686"),
        "GATEWAY_JAEGER_URL=jaeger:16686 must be http(s)://");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TEMPO_URL", "http://tempo:3200"),
        "GATEWAY_TEMPO_URL is no longer read: the gateway speaks Jaeger's query API; set GATEWAY_JAEGER_URL");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "0"),
        "GATEWAY_UPSTREAM_TIMEOUT_SECONDS=0 must be 1-600");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_HEADER_TIMEOUT_SECONDS", "ten"),
        "GATEWAY_HEADER_TIMEOUT_SECONDS=ten is not a whole number");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_MAX_CONNECTIONS_PER_PEER", "0"),
        "GATEWAY_MAX_CONNECTIONS_PER_PEER=0 must be 1-100000");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_SUPPORT_MAX_TRACES", "5000"),
        "GATEWAY_SUPPORT_MAX_TRACES=5000 must be 1-1000");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TLS_CERT", "/nonexistent/cert.pem"),
        "GATEWAY_TLS_CERT=/nonexistent/cert.pem: no such readable file");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_AUDIT_LOG", "/nonexistent/dir/audit.log"),
        "GATEWAY_AUDIT_LOG=/nonexistent/dir/audit.log: directory /nonexistent/dir does not exist");
    assertError(
        vars("GATEWAY_SHARED_SECRET_FILE", "/nonexistent/secret"),
        "GATEWAY_SHARED_SECRET_FILE=/nonexistent/secret: no such readable file");
    assertError(vars(), "no way to authenticate Grafana");
  }

  @Test
  void shortSecretIsRefusedWithoutPrintingIt() {
    assertThatThrownBy(() -> GatewayConfig.from(vars("GATEWAY_SHARED_SECRET", "hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GATEWAY_SHARED_SECRET is too short (7 characters; at least 16)")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void tlsNeedsCertAndKey() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TLS_CERT", cert.toString()),
        "GATEWAY_TLS_CERT=" + cert + " is set but GATEWAY_TLS_KEY is not");
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_CLIENT_CA", cert.toString()),
        "GATEWAY_CLIENT_CA=" + cert + " needs HTTPS");
  }

  @Test
  void aSecretFileOthersCanReadIsRefused() throws Exception {
    Path secretFile = Files.writeString(dir.resolve("shared-secret"), SECRET);
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(
            () -> GatewayConfig.from(vars("GATEWAY_SHARED_SECRET_FILE", secretFile.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "GATEWAY_SHARED_SECRET_FILE="
                + secretFile
                + " is readable by group or others; make it private: chmod 600 "
                + secretFile)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void theLocalDevelopmentSecretOnlyOnLoopback() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
    Path key = Files.writeString(dir.resolve("key.pem"), "x");
    assertThat(
            GatewayConfig.from(vars("GATEWAY_SHARED_SECRET", "gateway-local-dev-secret"))
                .sharedSecret())
        .contains("gateway-local-dev-secret");

    assertThatThrownBy(
            () ->
                GatewayConfig.from(
                    vars(
                        "GATEWAY_SHARED_SECRET",
                        "gateway-local-dev-secret",
                        "GATEWAY_LISTEN",
                        "0.0.0.0:3201",
                        "GATEWAY_TLS_CERT",
                        cert.toString(),
                        "GATEWAY_TLS_KEY",
                        key.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "the public local-development default; it is only accepted when GATEWAY_LISTEN is a"
                + " loopback address (GATEWAY_LISTEN=0.0.0.0:3201)");
  }

  @Test
  void bothSecretSourcesAreRefused() throws Exception {
    Path secretFile = privateFile("secret", SECRET);
    assertError(
        vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_SHARED_SECRET_FILE", secretFile.toString()),
        "set only one of GATEWAY_SHARED_SECRET and GATEWAY_SHARED_SECRET_FILE");
  }

  private Path privateFile(String name, String content) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static void assertError(Map<String, String> variables, String message) {
    assertThatThrownBy(() -> GatewayConfig.from(variables))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
