package io.ordertrace.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP(S) server: authenticates the caller, reads user and role, asks the role's policy,
 * forwards what is allowed to Tempo and audits every request, in that order.
 */
final class GatewayServer implements AutoCloseable {

  static final String USER_HEADER = "X-Grafana-User";
  static final String ROLE_HEADER = "X-Ordertrace-Role";
  private static final int MAX_USER_LENGTH = 256;

  private final HttpServer server;
  private final ExecutorService executor;
  private final CallerAuthenticator authenticator;
  private final TempoProxy tempo;
  private final AuditLog audit;
  private final boolean tls;

  private GatewayServer(HttpServer server, ExecutorService executor, CallerAuthenticator authenticator,
      TempoProxy tempo, AuditLog audit, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.authenticator = authenticator;
    this.tempo = tempo;
    this.audit = audit;
    this.tls = tls;
  }

  /** Binds and starts serving. */
  static GatewayServer start(GatewayConfig config, AuditLog audit) throws IOException, ConfigException {
    InetSocketAddress address = new InetSocketAddress(config.listenAddress(), config.listenPort());
    HttpServer server;
    if (config.tls()) {
      SSLContext context = TlsContexts.server(config.tlsCert().get(), config.tlsKey().get(), config.clientCa());
      boolean needClientCertificate = config.clientCa().isPresent();
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(
          new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
              SSLParameters ssl = context.getDefaultSSLParameters();
              ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
              ssl.setNeedClientAuth(needClientCertificate);
              parameters.setSSLParameters(ssl);
            }
          });
      server = https;
    } else {
      server = HttpServer.create(address, 64);
    }
    ExecutorService executor = Executors.newFixedThreadPool(16);
    GatewayServer gateway =
        new GatewayServer(
            server,
            executor,
            new CallerAuthenticator(config.sharedSecret(), config.clientCa().isPresent()),
            new TempoProxy(config.tempoUrl(), config.upstreamTimeout()),
            audit,
            config.tls());
    server.createContext("/", gateway::handle);
    server.setExecutor(executor);
    server.start();
    return gateway;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return (tls ? "https" : "http") + "://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    AuditEntry entry = new AuditEntry();
    Reply reply;
    try {
      reply = decideAndForward(exchange, entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = Reply.error(503, "gateway shutting down");
      entry.reason = "interrupted";
    } catch (RuntimeException e) {
      reply = Reply.error(500, "internal gateway error");
      entry.decision = "denied";
      entry.reason = "internal error: " + e;
    }
    entry.status = reply.status();
    try {
      audit.write(entry);
    } catch (IOException e) {
      // fail closed: nothing is served that is not in the audit log
      System.err.println("ordertrace-gateway: cannot write the audit log: " + e.getMessage());
      reply = Reply.error(500, "audit log unavailable");
    }
    try (exchange) {
      send(exchange, reply);
    }
  }

  private Reply decideAndForward(HttpExchange exchange, AuditEntry entry) throws InterruptedException {
    entry.client = exchange.getRemoteAddress().getAddress().getHostAddress();
    entry.method = exchange.getRequestMethod();
    entry.path = exchange.getRequestURI().getRawPath();

    QueryParameters parameters = null;
    String badQuery = null;
    String rawQuery = exchange.getRequestURI().getRawQuery();
    try {
      parameters = QueryParameters.parse(rawQuery);
      entry.query = parameters.get("q");
    } catch (BadRequestException e) {
      badQuery = e.getMessage();
      entry.query = rawQuery;
    }

    Optional<String> caller = authenticator.authenticate(exchange);
    if (caller.isEmpty()) {
      entry.reason = "caller not authenticated (shared secret / client certificate)";
      return Reply.error(401, "caller not authenticated");
    }
    entry.caller = caller.get();

    List<String> users = exchange.getRequestHeaders().get(USER_HEADER);
    if (users == null || users.size() != 1 || users.get(0).isBlank() || users.get(0).length() > MAX_USER_LENGTH) {
      entry.reason = "missing or invalid " + USER_HEADER;
      return Reply.error(401, "missing or invalid " + USER_HEADER + " (Grafana: [dataproxy] send_user_header = true)");
    }
    entry.user = users.get(0);

    List<String> roles = exchange.getRequestHeaders().get(ROLE_HEADER);
    String roleHeader = roles == null || roles.size() != 1 ? null : roles.get(0);
    entry.role = roleHeader;
    Optional<Role> role = Role.parse(roleHeader);
    if (role.isEmpty()) {
      entry.reason = "unknown role";
      return Reply.error(403, "unknown role: " + ROLE_HEADER + " must be support or developer");
    }

    if (badQuery != null) {
      entry.reason = badQuery;
      return Reply.error(400, badQuery);
    }
    GatewayRequest request = new GatewayRequest(entry.method, entry.path, parameters);
    Decision decision = AccessPolicy.decide(role.get(), request);
    entry.reason = decision.reason();
    if (decision.denied()) {
      return Reply.error(decision.status(), decision.reason());
    }

    String accept = exchange.getRequestHeaders().getFirst("Accept");
    TempoProxy.Response response;
    try {
      if (decision.outcome() == Decision.Outcome.ALLOW_IF_ORDER_TRACE) {
        response = tempo.get(request.path(), parameters, "application/json");
        entry.upstreamStatus = response.status();
        if (response.status() == 200) {
          if (!TempoResponses.hasOrderId(new String(response.body(), StandardCharsets.UTF_8))) {
            entry.reason = "trace carries no order.id";
            entry.resultCount = 0;
            return Reply.error(403, "support may only open order traces: this trace carries no order.id");
          }
          if (accept != null && !accept.isBlank() && !accept.contains("json") && !accept.contains("*/*")) {
            response = tempo.get(request.path(), parameters, accept);
            entry.upstreamStatus = response.status();
          }
        }
      } else {
        response = tempo.get(request.path(), parameters, accept);
        entry.upstreamStatus = response.status();
      }
    } catch (TempoProxy.UnavailableException e) {
      entry.reason = e.getMessage();
      return Reply.error(e.timeout() ? 504 : 502, e.getMessage());
    }

    entry.decision = "allowed";
    if (response.status() == 200) {
      if (AccessPolicy.TRACE_PATH.matcher(request.path()).matches()) {
        entry.resultCount = 1;
      } else if (request.path().equals("/api/search")) {
        entry.resultCount = TempoResponses.searchResultCount(new String(response.body(), StandardCharsets.UTF_8));
      }
    } else if (AccessPolicy.TRACE_PATH.matcher(request.path()).matches() && response.status() == 404) {
      entry.resultCount = 0;
    }
    return new Reply(response.status(), response.contentType(), response.body());
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    if (head || reply.body().length == 0) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }

  /** What goes back to Grafana. */
  private record Reply(int status, String contentType, byte[] body) {
    static Reply error(int status, String message) {
      return new Reply(status, "application/json", Json.error(message).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
