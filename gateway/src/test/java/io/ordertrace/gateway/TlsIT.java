/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrace.testing.Certificates;
import io.ordertrace.testing.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and mutual TLS with PEM files made by openssl: a CA, the gateway's certificate for
 * 127.0.0.1 and Grafana's client certificate. Jaeger is deliberately unreachable: a 502 proves the
 * caller got past authentication.
 */
class TlsIT {

  private static final String SECRET = "tls-it-secret-0123456789";

  @TempDir static Path dir;

  @BeforeAll
  static void makeCertificates() throws Exception {
    Certificates.selfSigned(dir, "ca", "/CN=ordertrace test CA");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    for (String name : List.of("server", "client")) {
      Certificates.signed(dir, name, "/CN=" + name, "ca", name + ".ext");
    }
    Certificates.openssl(
        dir, "pkey", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
  }

  @Test
  void mutualTlsAndSecretTogether() throws Exception {
    Path audit = dir.resolve("audit-both.log");
    try (AuditLog log = AuditLog.toFile(audit);
        GatewayServer gateway = GatewayServer.start(config(true, true, audit), log)) {
      assertThat(gateway.url()).startsWith("https://");

      assertThat(echo(gateway, clientContext(true), SECRET)).isEqualTo(502);
      assertThat(echo(gateway, clientContext(true), null)).isEqualTo(401);
      assertThatThrownBy(() -> echo(gateway, clientContext(false), SECRET))
          .isInstanceOf(IOException.class);

      List<String> lines = Files.readAllLines(audit);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).contains("\"caller\":\"mtls+secret\"", "\"status\":502");
      assertThat(lines.get(1)).contains("\"caller\":\"none\"", "\"status\":401");
    }
  }

  @Test
  void mutualTlsAlone() throws Exception {
    Path audit = dir.resolve("audit-mtls.log");
    try (AuditLog log = AuditLog.toFile(audit);
        GatewayServer gateway = GatewayServer.start(config(true, false, audit), log)) {
      assertThat(echo(gateway, clientContext(true), null)).isEqualTo(502);
      assertThat(Files.readString(audit)).contains("\"caller\":\"mtls\"");
    }
  }

  @Test
  void httpsWithTheSecretAlone() throws Exception {
    Path audit = dir.resolve("audit-https.log");
    try (AuditLog log = AuditLog.toFile(audit);
        GatewayServer gateway = GatewayServer.start(config(false, true, audit), log)) {
      assertThat(echo(gateway, clientContext(false), SECRET)).isEqualTo(502);
      assertThat(echo(gateway, clientContext(false), "wrong-secret-0123456789")).isEqualTo(401);
    }
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheConversionCommand() throws Exception {
    Map<String, String> variables = variables(false, true, dir.resolve("unused.log"));
    variables.put("GATEWAY_TLS_KEY", dir.resolve("server-pkcs1.key").toString());
    GatewayConfig config = GatewayConfig.from(variables);

    assertThatThrownBy(() -> GatewayServer.start(config, AuditLog.toStdout(System.out)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GATEWAY_TLS_KEY=" + dir.resolve("server-pkcs1.key"))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  private static int echo(GatewayServer gateway, SSLContext context, String secret)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.url() + "/api/services"))
            .header("X-Grafana-User", "grafana-user")
            .header("X-Ordertrace-Role", "developer");
    if (secret != null) {
      request.header(CallerAuthenticator.SECRET_HEADER, secret);
    }
    return HttpClient.newBuilder()
        .sslContext(context)
        .build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Trusts the test CA; presents Grafana's client certificate if {@code withCertificate}. */
  private static SSLContext clientContext(boolean withCertificate) throws Exception {
    if (withCertificate) {
      // the same PEM loading as the server: own key and certificate, trust in the CA
      return TlsContexts.server(
          dir.resolve("client.pem"), dir.resolve("client.key"), Optional.of(dir.resolve("ca.pem")));
    }
    return Certificates.trusting(dir.resolve("ca.pem"));
  }

  private static GatewayConfig config(boolean mtls, boolean secret, Path audit) throws Exception {
    return GatewayConfig.from(variables(mtls, secret, audit));
  }

  private static Map<String, String> variables(boolean mtls, boolean secret, Path audit)
      throws IOException {
    Map<String, String> variables = new HashMap<>();
    variables.put("GATEWAY_LISTEN", "127.0.0.1:0");
    variables.put("GATEWAY_JAEGER_URL", "http://127.0.0.1:" + ManagedProcess.freePort());
    variables.put("GATEWAY_TLS_CERT", dir.resolve("server.pem").toString());
    variables.put("GATEWAY_TLS_KEY", dir.resolve("server.key").toString());
    variables.put("GATEWAY_AUDIT_LOG", audit.toString());
    if (mtls) {
      variables.put("GATEWAY_CLIENT_CA", dir.resolve("ca.pem").toString());
    }
    if (secret) {
      variables.put("GATEWAY_SHARED_SECRET", SECRET);
    }
    return variables;
  }
}
