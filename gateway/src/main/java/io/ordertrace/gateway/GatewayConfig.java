/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the gateway reads from its environment, parsed and checked once at start. Every error
 * names the variable and the value (never the value of the shared secret).
 */
final class GatewayConfig {

  static final String LISTEN = "GATEWAY_LISTEN";
  static final String JAEGER_URL = "GATEWAY_JAEGER_URL";
  static final String SHARED_SECRET = "GATEWAY_SHARED_SECRET";
  static final String SHARED_SECRET_FILE = "GATEWAY_SHARED_SECRET_FILE";
  static final String TLS_CERT = "GATEWAY_TLS_CERT";
  static final String TLS_KEY = "GATEWAY_TLS_KEY";
  static final String CLIENT_CA = "GATEWAY_CLIENT_CA";
  static final String AUDIT_LOG = "GATEWAY_AUDIT_LOG";
  static final String UPSTREAM_TIMEOUT = "GATEWAY_UPSTREAM_TIMEOUT_SECONDS";
  static final String HEADER_TIMEOUT = "GATEWAY_HEADER_TIMEOUT_SECONDS";
  static final String IDLE_TIMEOUT = "GATEWAY_IDLE_TIMEOUT_SECONDS";
  static final String MAX_CONNECTIONS = "GATEWAY_MAX_CONNECTIONS";
  static final String MAX_CONNECTIONS_PER_PEER = "GATEWAY_MAX_CONNECTIONS_PER_PEER";
  static final String MAX_THREADS = "GATEWAY_MAX_THREADS";
  static final String MAX_HEADER_BYTES = "GATEWAY_MAX_HEADER_BYTES";
  static final String SUPPORT_MAX_TRACES = "GATEWAY_SUPPORT_MAX_TRACES";
  static final String DEVELOPER_MAX_TRACES = "GATEWAY_DEVELOPER_MAX_TRACES";
  static final String MAX_RESPONSE_BYTES = "GATEWAY_MAX_RESPONSE_BYTES";

  /** Removed with Tempo: named in the error so an old configuration does not fail silently. */
  static final String OLD_TEMPO_URL = "GATEWAY_TEMPO_URL";

  static final String DEFAULT_LISTEN = "127.0.0.1:3201";
  static final String DEFAULT_JAEGER_URL = "http://127.0.0.1:16686";
  static final int MIN_SECRET_LENGTH = 16;

  /** deploy/compose.yaml's fallback secret: public, so only accepted on a loopback listener. */
  static final String LOCAL_DEV_SECRET = "gateway-local-dev-secret";

  private final InetAddress listenAddress;
  private final int listenPort;
  private final URI jaegerUrl;
  private final Optional<String> sharedSecret;
  private final Optional<Path> tlsCert;
  private final Optional<Path> tlsKey;
  private final Optional<Path> clientCa;
  private final Optional<Path> auditLog;
  private final Limits limits;

  /** The hardening and cap settings, one place (README "Hardening" and "Caps"). */
  record Limits(
      Duration upstreamTimeout,
      Duration headerTimeout,
      Duration idleTimeout,
      int maxConnections,
      int maxConnectionsPerPeer,
      int maxThreads,
      int maxHeaderBytes,
      int supportMaxTraces,
      int developerMaxTraces,
      int maxResponseBytes) {

    static Limits defaults() {
      return new Limits(
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          1024,
          128,
          64,
          8192,
          20,
          200,
          16 * 1024 * 1024);
    }

    int maxTraces(Role role) {
      return role == Role.SUPPORT ? supportMaxTraces : developerMaxTraces;
    }
  }

  private GatewayConfig(
      InetAddress listenAddress,
      int listenPort,
      URI jaegerUrl,
      Optional<String> sharedSecret,
      Optional<Path> tlsCert,
      Optional<Path> tlsKey,
      Optional<Path> clientCa,
      Optional<Path> auditLog,
      Limits limits) {
    this.listenAddress = listenAddress;
    this.listenPort = listenPort;
    this.jaegerUrl = jaegerUrl;
    this.sharedSecret = sharedSecret;
    this.tlsCert = tlsCert;
    this.tlsKey = tlsKey;
    this.clientCa = clientCa;
    this.auditLog = auditLog;
    this.limits = limits;
  }

  /** Parses the variables; blank values count as unset. */
  static GatewayConfig from(Map<String, String> variables) throws ConfigException {
    if (value(variables, OLD_TEMPO_URL).isPresent() && value(variables, JAEGER_URL).isEmpty()) {
      throw new ConfigException(
          OLD_TEMPO_URL
              + " is no longer read: the gateway speaks Jaeger's query API;"
              + " set "
              + JAEGER_URL
              + " (e.g. "
              + DEFAULT_JAEGER_URL
              + ")");
    }
    Optional<Path> cert = file(variables, TLS_CERT);
    Optional<Path> key = file(variables, TLS_KEY);
    Optional<Path> clientCa = file(variables, CLIENT_CA);
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigException(
          (cert.isPresent()
                  ? TLS_CERT + "=" + cert.get() + " is set but " + TLS_KEY + " is not"
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
      throw new ConfigException(
          LISTEN + "=" + listen + " is not host:port (e.g. " + DEFAULT_LISTEN + ")");
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
          LISTEN
              + "="
              + listen
              + " is not a loopback address: plain HTTP is only allowed on"
              + " loopback; set "
              + TLS_CERT
              + " and "
              + TLS_KEY
              + " to listen elsewhere");
    }

    String jaeger = value(variables, JAEGER_URL).orElse(DEFAULT_JAEGER_URL);
    URI jaegerUrl;
    try {
      jaegerUrl = new URI(jaeger.endsWith("/") ? jaeger.substring(0, jaeger.length() - 1) : jaeger);
    } catch (URISyntaxException e) {
      throw new ConfigException(JAEGER_URL + "=" + jaeger + " is not a URL: " + e.getReason());
    }
    if (!("http".equals(jaegerUrl.getScheme()) || "https".equals(jaegerUrl.getScheme()))
        || jaegerUrl.getHost() == null
        || jaegerUrl.getRawQuery() != null
        || jaegerUrl.getRawFragment() != null) {
      throw new ConfigException(
          JAEGER_URL
              + "="
              + jaeger
              + " must be http(s)://host[:port][/prefix] (e.g. "
              + DEFAULT_JAEGER_URL
              + ")");
    }

    Optional<String> inline = value(variables, SHARED_SECRET);
    Optional<Path> secretFile = file(variables, SHARED_SECRET_FILE);
    if (inline.isPresent() && secretFile.isPresent()) {
      throw new ConfigException(
          "set only one of "
              + SHARED_SECRET
              + " and "
              + SHARED_SECRET_FILE
              + "="
              + secretFile.get());
    }
    Optional<String> secret = inline;
    String secretSource = SHARED_SECRET;
    if (secretFile.isPresent()) {
      secretSource = SHARED_SECRET_FILE + "=" + secretFile.get();
      refuseIfReadableByOthers(secretFile.get(), secretSource);
      try {
        secret = Optional.of(Files.readString(secretFile.get(), StandardCharsets.UTF_8).strip());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(secretSource + " cannot be read: " + e.getMessage());
      }
    }
    if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
      throw new ConfigException(
          "the secret in "
              + secretSource
              + " is too short ("
              + secret.get().length()
              + " characters; at least "
              + MIN_SECRET_LENGTH
              + ")");
    }
    if (secret.isPresent()
        && secret.get().equals(LOCAL_DEV_SECRET)
        && !address.isLoopbackAddress()) {
      throw new ConfigException(
          "the secret in "
              + secretSource
              + " is the public local-development default; it is only accepted"
              + " when "
              + LISTEN
              + " is a loopback address ("
              + LISTEN
              + "="
              + listen
              + "): set a real secret");
    }
    if (secret.isEmpty() && clientCa.isEmpty()) {
      throw new ConfigException(
          "no way to authenticate Grafana: set "
              + SHARED_SECRET
              + " or "
              + SHARED_SECRET_FILE
              + " (and/or "
              + CLIENT_CA
              + " for mutual TLS)");
    }

    Limits d = Limits.defaults();
    Limits limits =
        new Limits(
            Duration.ofSeconds(
                number(variables, UPSTREAM_TIMEOUT, (int) d.upstreamTimeout().toSeconds(), 1, 600)),
            Duration.ofSeconds(
                number(variables, HEADER_TIMEOUT, (int) d.headerTimeout().toSeconds(), 1, 300)),
            Duration.ofSeconds(
                number(variables, IDLE_TIMEOUT, (int) d.idleTimeout().toSeconds(), 1, 3600)),
            number(variables, MAX_CONNECTIONS, d.maxConnections(), 1, 100_000),
            number(variables, MAX_CONNECTIONS_PER_PEER, d.maxConnectionsPerPeer(), 1, 100_000),
            number(variables, MAX_THREADS, d.maxThreads(), 8, 2000),
            number(variables, MAX_HEADER_BYTES, d.maxHeaderBytes(), 1024, 65536),
            number(variables, SUPPORT_MAX_TRACES, d.supportMaxTraces(), 1, 1000),
            number(variables, DEVELOPER_MAX_TRACES, d.developerMaxTraces(), 1, 10_000),
            number(variables, MAX_RESPONSE_BYTES, d.maxResponseBytes(), 1024, 1024 * 1024 * 1024));

    Optional<Path> audit = value(variables, AUDIT_LOG).map(Paths::get);
    if (audit.isPresent()) {
      Path parent = audit.get().toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new ConfigException(
            AUDIT_LOG + "=" + audit.get() + ": directory " + parent + " does not exist");
      }
      if (Files.isDirectory(audit.get())) {
        throw new ConfigException(AUDIT_LOG + "=" + audit.get() + " is a directory, not a file");
      }
    }

    return new GatewayConfig(address, port, jaegerUrl, secret, cert, key, clientCa, audit, limits);
  }

  /** A secret file that group or others may read is refused: the secret is as good as public. */
  private static void refuseIfReadableByOthers(Path file, String source) throws ConfigException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: nothing to check
    } catch (IOException e) {
      throw new ConfigException(source + " cannot be read: " + e.getMessage());
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      throw new ConfigException(
          source + " is readable by group or others; make it private: chmod 600 " + file);
    }
  }

  private static int number(
      Map<String, String> variables, String name, int fallback, int min, int max)
      throws ConfigException {
    Optional<String> text = value(variables, name);
    if (text.isEmpty()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "=" + text.get() + " is not a whole number");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(name + "=" + text.get() + " must be " + min + "-" + max);
    }
    return parsed;
  }

  private static Optional<String> value(Map<String, String> variables, String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<Path> file(Map<String, String> variables, String name)
      throws ConfigException {
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

  URI jaegerUrl() {
    return jaegerUrl;
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

  Limits limits() {
    return limits;
  }

  @Override
  public String toString() {
    // never the secret
    return "GatewayConfig[listen="
        + listenAddress.getHostAddress()
        + ":"
        + listenPort
        + ", jaeger="
        + jaegerUrl
        + ", tls="
        + tls()
        + ", mtls="
        + clientCa.isPresent()
        + ", secret="
        + (sharedSecret.isPresent() ? "set" : "unset")
        + ", audit="
        + auditLog.map(Path::toString).orElse("stdout")
        + ", "
        + limits
        + "]";
  }
}
