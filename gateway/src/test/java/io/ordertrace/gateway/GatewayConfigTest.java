package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(config.tempoUrl()).hasToString("http://127.0.0.1:3200");
    assertThat(config.sharedSecret()).contains(SECRET);
    assertThat(config.tls()).isFalse();
    assertThat(config.auditLog()).isEmpty();
    assertThat(config.upstreamTimeout()).hasSeconds(30);
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void everything() throws Exception {
    Path secretFile = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    GatewayConfig config =
        GatewayConfig.from(vars(
            "GATEWAY_LISTEN", "localhost:0",
            "GATEWAY_TEMPO_URL", "http://tempo.internal:3200/",
            "GATEWAY_SHARED_SECRET_FILE", secretFile.toString(),
            "GATEWAY_AUDIT_LOG", dir.resolve("audit.log").toString(),
            "GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "5"));

    assertThat(config.listenPort()).isZero();
    assertThat(config.tempoUrl()).hasToString("http://tempo.internal:3200");
    assertThat(config.sharedSecret()).contains(SECRET);
    assertThat(config.auditLog()).contains(dir.resolve("audit.log"));
    assertThat(config.upstreamTimeout()).hasSeconds(5);
  }

  @Test
  void errorsNameTheVariableAndValue() {
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "3201"),
        "GATEWAY_LISTEN=3201 is not host:port");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "127.0.0.1:http"),
        "GATEWAY_LISTEN=127.0.0.1:http: port is not a number");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "127.0.0.1:70000"),
        "GATEWAY_LISTEN=127.0.0.1:70000: port must be 0-65535");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_LISTEN", "0.0.0.0:3201"),
        "GATEWAY_LISTEN=0.0.0.0:3201 is not a loopback address");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TEMPO_URL", "tempo:3200"),
        "GATEWAY_TEMPO_URL=tempo:3200 must be http(s)://");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_UPSTREAM_TIMEOUT_SECONDS", "0"),
        "GATEWAY_UPSTREAM_TIMEOUT_SECONDS=0 must be 1-600 seconds");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TLS_CERT", "/nonexistent/cert.pem"),
        "GATEWAY_TLS_CERT=/nonexistent/cert.pem: no such readable file");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_AUDIT_LOG", "/nonexistent/dir/audit.log"),
        "GATEWAY_AUDIT_LOG=/nonexistent/dir/audit.log: directory /nonexistent/dir does not exist");
    assertError(vars("GATEWAY_SHARED_SECRET_FILE", "/nonexistent/secret"),
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
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_TLS_CERT", cert.toString()),
        "GATEWAY_TLS_CERT=" + cert + " is set but GATEWAY_TLS_KEY is not");
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_CLIENT_CA", cert.toString()),
        "GATEWAY_CLIENT_CA=" + cert + " needs HTTPS");
  }

  @Test
  void bothSecretSourcesAreRefused() throws Exception {
    Path secretFile = Files.writeString(dir.resolve("secret"), SECRET);
    assertError(vars("GATEWAY_SHARED_SECRET", SECRET, "GATEWAY_SHARED_SECRET_FILE", secretFile.toString()),
        "set only one of GATEWAY_SHARED_SECRET and GATEWAY_SHARED_SECRET_FILE");
  }

  private static void assertError(Map<String, String> variables, String message) {
    assertThatThrownBy(() -> GatewayConfig.from(variables))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
