/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar ordertrace-gateway.jar}: configuration from the environment, see README. */
public final class Main {

  static final String USAGE =
      """
      Usage: java -jar ordertrace-gateway.jar [--help]

      The ordertrace trace access gateway: sits between Grafana (or bin/ordertrace) and
      Jaeger's HTTP query API, authenticates the caller, applies the Support/Developer policy
      and audits every request. Configured by environment variables (or -D system properties
      of the same name); see gateway/README.md:

        GATEWAY_LISTEN                    host:port to listen on (default 127.0.0.1:3201;
                                          plain HTTP only on loopback)
        GATEWAY_JAEGER_URL                Jaeger's query API (default http://127.0.0.1:16686)
        GATEWAY_SHARED_SECRET             secret the caller sends in X-Ordertrace-Gateway-Secret
        GATEWAY_SHARED_SECRET_FILE        ... or a file holding it (at least 16 characters,
                                          not readable by group or others)
        GATEWAY_TLS_CERT, GATEWAY_TLS_KEY PEM certificate chain and PKCS#8 PEM key: HTTPS
        GATEWAY_CLIENT_CA                 PEM CA of Grafana's client certificate: mutual TLS
        GATEWAY_AUDIT_LOG                 audit log file (created 0600), one JSON line per
                                          request (default: stdout)
        GATEWAY_UPSTREAM_TIMEOUT_SECONDS  bound on Jaeger's part of one request (default 30)
        GATEWAY_HEADER_TIMEOUT_SECONDS    request headers must be complete within (default 10)
        GATEWAY_IDLE_TIMEOUT_SECONDS      no progress on a connection for (default 30)
        GATEWAY_MAX_CONNECTIONS           open connections in all (default 1024)
        GATEWAY_MAX_CONNECTIONS_PER_PEER  open connections per client address (default 128)
        GATEWAY_MAX_THREADS               request threads (default 64)
        GATEWAY_MAX_HEADER_BYTES          request line and headers (default 8192)
        GATEWAY_SUPPORT_MAX_TRACES        traces in one Support search answer (default 20)
        GATEWAY_DEVELOPER_MAX_TRACES      traces in one developer search answer (default 200)
        GATEWAY_MAX_RESPONSE_BYTES        largest answer passed on (default 16777216)

      Exit codes: 2 bad configuration.
      """;

  private Main() {}

  public static void main(String[] args) {
    // Jetty's own log: warnings and errors only, on stderr, unless the operator asks for more
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int code = run(args, merged(System.getenv()), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Environment overridden by {@code -DGATEWAY_...} system properties. */
  private static Map<String, String> merged(Map<String, String> env) {
    Map<String, String> variables = new HashMap<>(env);
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.equals("GATEWAY_SHARED_SECRET")) {
        // a -D value is on the command line, readable by every local user (ps, /proc/PID/cmdline)
        continue;
      }
      if (name.startsWith("GATEWAY_")) {
        variables.put(name, System.getProperty(name));
      }
    }
    return variables;
  }

  /** Runs until the JVM is stopped; returns only on a start failure (or --help). */
  static int run(String[] args, Map<String, String> variables, PrintStream out, PrintStream err) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        out.print(USAGE);
        return 0;
      }
      err.println(
          "ordertrace-gateway: unknown argument "
              + arg
              + " (configuration is by environment; see --help)");
      return 2;
    }
    GatewayConfig config;
    AuditLog audit = null;
    GatewayServer server;
    try {
      config = GatewayConfig.from(variables);
      try {
        audit =
            config.auditLog().isPresent()
                ? AuditLog.toFile(config.auditLog().get())
                : AuditLog.toStdout(out);
        config
            .auditLog()
            .map(AuditLog::widePermissionsWarning)
            .ifPresent(warning -> err.println("ordertrace-gateway: " + warning));
      } catch (IOException e) {
        throw new ConfigException(
            GatewayConfig.AUDIT_LOG
                + "="
                + config.auditLog().get()
                + " cannot be opened: "
                + e.getMessage());
      }
      try {
        server = GatewayServer.start(config, audit);
      } catch (BindException e) {
        throw new ConfigException(
            GatewayConfig.LISTEN
                + "="
                + config.listenAddress().getHostAddress()
                + ":"
                + config.listenPort()
                + " cannot be bound: "
                + e.getMessage());
      } catch (IOException e) {
        throw new ConfigException(
            "cannot start listening on "
                + config.listenAddress().getHostAddress()
                + ":"
                + config.listenPort()
                + ": "
                + e.getMessage());
      }
    } catch (ConfigException e) {
      err.println("ordertrace-gateway: " + e.getMessage());
      if (audit != null) {
        try {
          audit.close();
        } catch (IOException ignored) {
          // exiting anyway
        }
      }
      return 2;
    }
    if (!config.tls()) {
      err.println(
          "ordertrace-gateway: WARNING: plain HTTP (no GATEWAY_TLS_CERT/GATEWAY_TLS_KEY): loopback only");
    }
    err.println(
        "ordertrace-gateway: listening on "
            + server.url()
            + ", Jaeger at "
            + config.jaegerUrl()
            + ", audit to "
            + config.auditLog().map(Object::toString).orElse("stdout"));
    AuditLog openAudit = audit;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  try {
                    openAudit.close();
                  } catch (IOException ignored) {
                    // the JVM is exiting
                  }
                  stopped.countDown();
                },
                "stop-gateway"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
