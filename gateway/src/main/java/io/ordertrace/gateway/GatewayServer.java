/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP(S) server (Jetty): one connector with the hardening settings of {@link
 * GatewayConfig.Limits}, {@link ConnectionGuard} for header deadlines and per-peer limits, {@link
 * AuditingErrorHandler} for what the HTTP layer refuses, and {@link GatewayHandler} for everything
 * else. Start-up API used by tests and {@link Main}: {@link #start}, {@link #url}, {@link #port},
 * {@link #close}.
 */
final class GatewayServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final ConnectionGuard guard;
  private final boolean tls;

  private GatewayServer(
      Server server, ServerConnector connector, ConnectionGuard guard, boolean tls) {
    this.server = server;
    this.connector = connector;
    this.guard = guard;
    this.tls = tls;
  }

  /** Binds and starts serving. */
  static GatewayServer start(GatewayConfig config, AuditLog audit)
      throws IOException, ConfigException {
    GatewayConfig.Limits limits = config.limits();
    SSLContext sslContext =
        config.tls()
            ? TlsContexts.server(config.tlsCert().get(), config.tlsKey().get(), config.clientCa())
            : null;

    QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 4);
    threads.setName("gateway");
    threads.setDaemon(true);
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setIdleTimeout(limits.idleTimeout().toMillis());
    http.setHttpCompliance(HttpCompliance.RFC9110);
    http.setUriCompliance(UriCompliance.DEFAULT);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);

    ServerConnector connector;
    if (sslContext != null) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setSslContext(sslContext);
      ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      ssl.setNeedClientAuth(config.clientCa().isPresent());
      connector =
          new ServerConnector(
              server, 1, 1, new SslConnectionFactory(ssl, httpFactory.getProtocol()), httpFactory);
    } else {
      connector = new ServerConnector(server, 1, 1, httpFactory);
    }
    connector.setHost(config.listenAddress().getHostAddress());
    connector.setPort(config.listenPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(128);
    ConnectionGuard guard =
        new ConnectionGuard(limits.headerTimeout(), limits.maxConnectionsPerPeer(), audit);
    connector.addEventListener(guard);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

    JaegerUpstream upstream =
        new JaegerUpstream(config.jaegerUrl(), limits.upstreamTimeout(), limits.maxResponseBytes());
    server.setHandler(
        new GatewayHandler(
            new CallerAuthenticator(config.sharedSecret(), config.clientCa().isPresent()),
            upstream,
            audit,
            limits));
    server.setErrorHandler(new AuditingErrorHandler(audit, guard));
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server, guard);
      throw e;
    } catch (Exception e) {
      stopQuietly(server, guard);
      throw new IOException(e.getMessage(), e);
    }
    return new GatewayServer(server, connector, guard, sslContext != null);
  }

  private static void stopQuietly(Server server, ConnectionGuard guard) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // failing to start already
    }
    guard.close();
  }

  int port() {
    return connector.getLocalPort();
  }

  String url() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (tls ? "https" : "http") + "://" + host + ":" + port();
  }

  /** HTTP connections open now (for tests and the benchmark). */
  int openConnections() {
    return guard.openConnections();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), port());
  }

  @Override
  public void close() {
    stopQuietly(server, guard);
  }
}
