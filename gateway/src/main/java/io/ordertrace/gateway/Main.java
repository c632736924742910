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

      The ordertrace trace access gateway: sits between Grafana and Tempo's query API,
      authenticates Grafana, applies the Support/Developer policy and audits every request.
      Configured by environment variables (or -D system properties of the same name):

        GATEWAY_LISTEN                    host:port to listen on (default 127.0.0.1:3201;
                                          plain HTTP only on loopback)
        GATEWAY_TEMPO_URL                 Tempo's query API (default http://127.0.0.1:3200)
        GATEWAY_SHARED_SECRET             secret Grafana sends in X-Ordertrace-Gateway-Secret
        GATEWAY_SHARED_SECRET_FILE        ... or a file holding it (at least 16 characters)
        GATEWAY_TLS_CERT, GATEWAY_TLS_KEY PEM certificate chain and PKCS#8 PEM key: HTTPS
        GATEWAY_CLIENT_CA                 PEM CA of Grafana's client certificate: mutual TLS
        GATEWAY_AUDIT_LOG                 audit log file, one JSON line per request
                                          (default: stdout)
        GATEWAY_UPSTREAM_TIMEOUT_SECONDS  Tempo request timeout (default 30)

      Exit codes: 2 bad configuration.
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, merged(System.getenv()), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Environment overridden by {@code -DGATEWAY_...} system properties. */
  private static Map<String, String> merged(Map<String, String> env) {
    Map<String, String> variables = new HashMap<>(env);
    for (String name : System.getProperties().stringPropertyNames()) {
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
      err.println("ordertrace-gateway: unknown argument " + arg + " (configuration is by environment; see --help)");
      return 2;
    }
    GatewayConfig config;
    AuditLog audit;
    GatewayServer server;
    try {
      config = GatewayConfig.from(variables);
      try {
        audit = config.auditLog().isPresent() ? AuditLog.toFile(config.auditLog().get()) : AuditLog.toStdout(out);
      } catch (IOException e) {
        throw new ConfigException(GatewayConfig.AUDIT_LOG + "=" + config.auditLog().get() + " cannot be opened: " + e.getMessage());
      }
      try {
        server = GatewayServer.start(config, audit);
      } catch (BindException e) {
        throw new ConfigException(GatewayConfig.LISTEN + "=" + config.listenAddress().getHostAddress() + ":"
            + config.listenPort() + " cannot be bound: " + e.getMessage());
      } catch (IOException e) {
        throw new ConfigException("cannot start listening on " + config.listenAddress().getHostAddress() + ":"
            + config.listenPort() + ": " + e.getMessage());
      }
    } catch (ConfigException e) {
      err.println("ordertrace-gateway: " + e.getMessage());
      return 2;
    }
    if (!config.tls()) {
      err.println("ordertrace-gateway: WARNING: plain HTTP (no GATEWAY_TLS_CERT/GATEWAY_TLS_KEY): loopback only");
    }
    err.println("ordertrace-gateway: listening on " + server.url() + ", Tempo at " + config.tempoUrl()
        + ", audit to " + config.auditLog().map(Object::toString).orElse("stdout"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      try {
        audit.close();
      } catch (IOException ignored) {
        // the JVM is exiting
      }
      stopped.countDown();
    }, "stop-gateway"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
