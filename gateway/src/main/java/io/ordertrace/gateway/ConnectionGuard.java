package io.ordertrace.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * Per-connection rules the HTTP server does not have on its own:
 *
 * <ul>
 *   <li><b>header deadline</b>: from the moment a connection opens, and again after each answer,
 *       the next request's headers must be complete within {@code headerTimeout}; otherwise the
 *       connection is closed (a slow or idle client holds no thread, and not for long). A
 *       connection that had sent part of a request, or never a request at all, is audited; an
 *       idle keep-alive connection after a complete exchange is closed silently;
 *   <li><b>per-peer limit</b>: a peer address holding {@code maxPerPeer} connections has further
 *       ones closed at once, audited.
 * </ul>
 *
 * Connections are HTTP connections (over TLS: the decrypted one; the TLS connection itself is
 * not counted twice).
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {

  private final Duration headerTimeout;
  private final int maxPerPeer;
  private final AuditLog audit;
  private final Map<Connection, State> connections = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perPeer = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  private static final class State {
    final String peer;
    long messagesIn;
    long bytesIn;
    long waitingSince;
    boolean counted;

    State(String peer, long now) {
      this.peer = peer;
      this.waitingSince = now;
    }
  }

  ConnectionGuard(Duration headerTimeout, int maxPerPeer, AuditLog audit) {
    this.headerTimeout = headerTimeout;
    this.maxPerPeer = maxPerPeer;
    this.audit = audit;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "gateway-connection-guard");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(100, Math.min(1000, headerTimeout.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection) {
      return;
    }
    String peer = peer(connection.getEndPoint().getRemoteSocketAddress());
    State state = new State(peer, System.nanoTime());
    int count = perPeer.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
    state.counted = true;
    connections.put(connection, state);
    if (count > maxPerPeer) {
      audit(peer, 429, "more than " + maxPerPeer + " open connections from this peer ("
          + GatewayConfig.MAX_CONNECTIONS_PER_PEER + "): connection closed without an answer");
      sweeper.execute(() -> connection.getEndPoint().close());
    }
  }

  @Override
  public void onClosed(Connection connection) {
    State state = connections.remove(connection);
    if (state != null && state.counted) {
      perPeer.computeIfPresent(state.peer, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
  }

  int openConnections() {
    return connections.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Map.Entry<Connection, State> entry : connections.entrySet()) {
      Connection connection = entry.getKey();
      State state = entry.getValue();
      long in = connection.getMessagesIn();
      long out = connection.getMessagesOut();
      if (in > out) {
        state.waitingSince = -1; // a request is being answered: the idle timeout applies
        continue;
      }
      if (state.waitingSince < 0 || in != state.messagesIn) {
        state.messagesIn = in;
        state.bytesIn = connection.getBytesIn();
        state.waitingSince = now;
        continue;
      }
      if (now - state.waitingSince < headerTimeout.toNanos()) {
        continue;
      }
      boolean partial = in == 0 || connection.getBytesIn() > state.bytesIn;
      connections.remove(connection);
      if (partial) {
        audit(state.peer, 408, (in == 0 ? "no complete request" : "incomplete request headers")
            + " within " + headerTimeout.toSeconds() + " s (" + GatewayConfig.HEADER_TIMEOUT
            + "): connection closed without an answer");
      }
      if (state.counted) {
        perPeer.computeIfPresent(state.peer, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
        state.counted = false;
      }
      connection.getEndPoint().close();
    }
  }

  private void audit(String peer, int status, String reason) {
    AuditEntry entry = new AuditEntry();
    entry.client = peer;
    entry.status = status;
    entry.reason = reason;
    try {
      audit.write(entry);
    } catch (IOException e) {
      System.err.println("ordertrace-gateway: cannot write the audit log: " + e.getMessage());
    }
  }

  private static String peer(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
