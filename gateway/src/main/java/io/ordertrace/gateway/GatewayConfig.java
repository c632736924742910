package io.ordertrace.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway reads from its environment, parsed and checked once at start. Every
 * error names the variable and the value (never the value of the shared secret).
 */
final class GatewayConfig {

  static final String LISTEN = "GATEWAY_LISTEN";
  static final String TEMPO_URL = "GATEWAY_TEMPO_URL";
  static final String SHARED_SECRET = "GATEWAY_SHARED_SECRET";
  static final String SHARED_SECRET_FILE = "GATEWAY_SHARED_SECRET_FILE";
  static final String TLS_CERT = "GATEWAY_TLS_CERT";
  static final String TLS_KEY = "GATEWAY_TLS_KEY";
  static final String CLIENT_CA = "GATEWAY_CLIENT_CA";
  static final String AUDIT_LOG = "GATEWAY_AUDIT_LOG";
  static final String UPSTREAM_TIMEOUT = "GATEWAY_UPSTREAM_TIMEOUT_SECONDS";

  static final String DEFAULT_LISTEN = "127.0.0.1:3201";
  static final String DEFAULT_TEMPO_URL = "http://127.0.0.1:3200";
  static final int MIN_SECRET_LENGTH = 16;

  private final InetAddress listenAddress;
  private final int listenPort;
  private final URI tempoUrl;
  private final Optional<String> sharedSecret;
  private final Optional<Path> tlsCert;
  private final Optional<Path> tlsKey;
  private final Optional<Path> clientCa;
  private final Optional<Path> auditLog;
  private final Duration upstreamTimeout;

  private GatewayConfig(
      InetAddress listenAddress,
      int listenPort,
      URI tempoUrl,
      Optional<String> sharedSecret,
      Optional<Path> tlsCert,
      Optional<Path> tlsKey,
      Optional<Path> clientCa,
      Optional<Path> auditLog,
      Duration upstreamTimeout) {
    this.listenAddress = listenAddress;
    this.listenPort = listenPort;
    this.tempoUrl = tempoUrl;
    this.sharedSecret = sharedSecret;
    this.tlsCert = tlsCert;
    this.tlsKey = tlsKey;
    this.clientCa = clientCa;
    this.auditLog = auditLog;
    this.upstreamTimeout = upstreamTimeout;
  }

  /** Parses the variables; blank values count as unset. */
  static GatewayConfig from(Map<String, String> variables) throws ConfigException {
    Optional<Path> cert = file(variables, TLS_CERT);
    Optional<Path> key = file(variables, TLS_KEY);
    Optional<Path> clientCa = file(variables, CLIENT_CA);
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigException(
          (cert.isPresent() ? TLS_CERT + "=" + cert.get() + " is set but " + TLS_KEY + " is not"
              : TLS_KEY + "=" + key.get() + " is set but " + TLS_CERT + " is not")
              + ": HTTPS needs both (PEM certificate chain and PKCS#8 PEM private key)");
    }
    boolean tls = cert.isPresent();
    if (clientCa.isPresent() && !tls) {
      throw new ConfigException(
          CLIENT_CA + "=" + clientCa.get() + " needs HTTPS: set " + TLS_CERT + " and " + TLS_KEY);
    }

    String listen = value(variables, LISTEN).orElse(DEFAULT_LISTEN);
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new ConfigException(LISTEN + "=" + listen + " is not host:port (e.g. " + DEFAULT_LISTEN + ")");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException(LISTEN + "=" + listen + ": port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException(LISTEN + "=" + listen + ": port must be 0-65535");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException(LISTEN + "=" + listen + ": unknown host " + host);
    }
    if (!tls && !address.isLoopbackAddress()) {
      throw new ConfigException(
          LISTEN + "=" + listen + " is not a loopback address: plain HTTP is only allowed on"
              + " loopback; set " + TLS_CERT + " and " + TLS_KEY + " to listen elsewhere");
    }

    String tempo = value(variables, TEMPO_URL).orElse(DEFAULT_TEMPO_URL);
    URI tempoUrl;
    try {
      tempoUrl = new URI(tempo.endsWith("/") ? tempo.substring(0, tempo.length() - 1) : tempo);
    } catch (URISyntaxException e) {
      throw new ConfigException(TEMPO_URL + "=" + tempo + " is not a URL: " + e.getReason());
    }
    if (!("http".equals(tempoUrl.getScheme()) || "https".equals(tempoUrl.getScheme()))
        || tempoUrl.getHost() == null
        || tempoUrl.getRawQuery() != null
        || tempoUrl.getRawFragment() != null) {
      throw new ConfigException(
          TEMPO_URL + "=" + tempo + " must be http(s)://host[:port][/prefix] (e.g. " + DEFAULT_TEMPO_URL + ")");
    }

    Optional<String> inline = value(variables, SHARED_SECRET);
    Optional<Path> secretFile = file(variables, SHARED_SECRET_FILE);
    if (inline.isPresent() && secretFile.isPresent()) {
      throw new ConfigException(
          "set only one of " + SHARED_SECRET + " and " + SHARED_SECRET_FILE + "=" + secretFile.get());
    }
    Optional<String> secret = inline;
    String secretSource = SHARED_SECRET;
    if (secretFile.isPresent()) {
      secretSource = SHARED_SECRET_FILE + "=" + secretFile.get();
      try {
        secret = Optional.of(Files.readString(secretFile.get(), StandardCharsets.UTF_8).strip());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(secretSource + " cannot be read: " + e.getMessage());
      }
    }
    if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
      throw new ConfigException(
          "the secret in " + secretSource + " is too short (" + secret.get().length()
              + " characters; at least " + MIN_SECRET_LENGTH + ")");
    }
    if (secret.isEmpty() && clientCa.isEmpty()) {
      throw new ConfigException(
          "no way to authenticate Grafana: set " + SHARED_SECRET + " or " + SHARED_SECRET_FILE
              + " (and/or " + CLIENT_CA + " for mutual TLS)");
    }

    String timeoutText = value(variables, UPSTREAM_TIMEOUT).orElse("30");
    int timeout;
    try {
      timeout = Integer.parseInt(timeoutText);
    } catch (NumberFormatException e) {
      throw new ConfigException(UPSTREAM_TIMEOUT + "=" + timeoutText + " is not a whole number of seconds");
    }
    if (timeout < 1 || timeout > 600) {
      throw new ConfigException(UPSTREAM_TIMEOUT + "=" + timeoutText + " must be 1-600 seconds");
    }

    Optional<Path> audit = value(variables, AUDIT_LOG).map(Paths::get);
    if (audit.isPresent()) {
      Path parent = audit.get().toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new ConfigException(AUDIT_LOG + "=" + audit.get() + ": directory " + parent + " does not exist");
      }
      if (Files.isDirectory(audit.get())) {
        throw new ConfigException(AUDIT_LOG + "=" + audit.get() + " is a directory, not a file");
      }
    }

    return new GatewayConfig(
        address, port, tempoUrl, secret, cert, key, clientCa, audit, Duration.ofSeconds(timeout));
  }

  private static Optional<String> value(Map<String, String> variables, String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<Path> file(Map<String, String> variables, String name) throws ConfigException {
    Optional<String> value = value(variables, name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Path path = Paths.get(value.get());
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(name + "=" + value.get() + ": no such readable file");
    }
    return Optional.of(path);
  }

  InetAddress listenAddress() {
    return listenAddress;
  }

  int listenPort() {
    return listenPort;
  }

  URI tempoUrl() {
    return tempoUrl;
  }

  Optional<String> sharedSecret() {
    return sharedSecret;
  }

  boolean tls() {
    return tlsCert.isPresent();
  }

  Optional<Path> tlsCert() {
    return tlsCert;
  }

  Optional<Path> tlsKey() {
    return tlsKey;
  }

  Optional<Path> clientCa() {
    return clientCa;
  }

  Optional<Path> auditLog() {
    return auditLog;
  }

  Duration upstreamTimeout() {
    return upstreamTimeout;
  }

  @Override
  public String toString() {
    // never the secret
    return "GatewayConfig[listen=" + listenAddress.getHostAddress() + ":" + listenPort
        + ", tempo=" + tempoUrl + ", tls=" + tls() + ", mtls=" + clientCa.isPresent()
        + ", secret=" + (sharedSecret.isPresent() ? "set" : "unset")
        + ", audit=" + auditLog.map(Path::toString).orElse("stdout") + "]";
  }
}
