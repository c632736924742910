/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * Per-connection rules the HTTP server does not have on its own:
 *
 * <ul>
 *   <li><b>header deadline</b>: from the moment a connection opens, and again after each answer,
 *       the next request's headers must be complete within {@code headerTimeout}; otherwise the
 *       connection is closed (a slow or idle client holds no thread, and not for long). A
 *       connection that had sent part of a request, or never a request at all, is audited; an idle
 *       keep-alive connection after a complete exchange is closed silently;
 *   <li><b>per-peer limit</b>: a peer address holding {@code maxPerPeer} connections has further
 *       ones closed at once, audited.
 * </ul>
 *
 * Connections are HTTP connections (over TLS: the decrypted one; the TLS connection itself is not
 * counted twice).
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {

  private final Duration headerTimeout;
  private final int maxPerPeer;
  private final AuditLog audit;
  private final Map<Connection, State> connections = new ConcurrentHashMap<>();
  private final Map<String, Integer> perPeer = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  /**
   * Connections this guard closed: what the HTTP layer then says about them is not audited again.
   */
  private final java.util.Set<Connection> closedByGuard = ConcurrentHashMap.newKeySet();

  private static final class State {
    final String peer;
    long messagesIn;
    long bytesIn;
    long waitingSince;
    boolean counted;
    boolean overLimit;

    State(String peer, long now) {
      this.peer = peer;
      this.waitingSince = now;
    }
  }

  ConnectionGuard(Duration headerTimeout, int maxPerPeer, AuditLog audit) {
    this.headerTimeout = headerTimeout;
    this.maxPerPeer = maxPerPeer;
    this.audit = audit;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-connection-guard");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(100, Math.min(1000, headerTimeout.toMillis() / 4));
    ScheduledFuture<?> unused =
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection) {
      return;
    }
    String peer = peer(connection.getEndPoint().getRemoteSocketAddress());
    State state = new State(peer, System.nanoTime());
    // Jetty may tell a listener more than once about one connection: count it once
    synchronized (state) {
      if (connections.putIfAbsent(connection, state) != null) {
        return;
      }
      int count = perPeer.merge(peer, 1, Integer::sum);
      state.counted = true;
      // closed by the next sweep (closing it here, inside its own opening, would leave the
      // socket open until the selector wakes up for something else)
      state.overLimit = count > maxPerPeer;
    }
    if (state.overLimit) {
      audit(
          peer,
          429,
          "more than "
              + maxPerPeer
              + " open connections from this peer ("
              + GatewayConfig.MAX_CONNECTIONS_PER_PEER
              + "): connection closed without an answer");
    }
  }

  /** True if this guard closed {@code connection} (and audited why). */
  boolean closedByGuard(Connection connection) {
    return closedByGuard.contains(connection);
  }

  @Override
  public void onClosed(Connection connection) {
    closedByGuard.remove(connection);
    State state = connections.remove(connection);
    if (state != null) {
      synchronized (state) {
        if (state.counted) {
          perPeer.computeIfPresent(state.peer, (p, count) -> count <= 1 ? null : count - 1);
          state.counted = false;
        }
      }
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
      if (state.overLimit) {
        close(connection, state);
        continue;
      }
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
      boolean partial = connection.getBytesIn() > state.bytesIn;
      if (partial || in == 0) {
        audit(
            state.peer,
            408,
            (partial ? "incomplete request headers" : "no request")
                + " within "
                + headerTimeout.toSeconds()
                + " s ("
                + GatewayConfig.HEADER_TIMEOUT
                + "): connection closed without an answer");
      }
      close(connection, state);
    }
  }

  private void close(Connection connection, State state) {
    connections.remove(connection);
    synchronized (state) {
      if (state.counted) {
        perPeer.computeIfPresent(state.peer, (p, count) -> count <= 1 ? null : count - 1);
        state.counted = false;
      }
    }
    closedByGuard.add(connection);
    // Closing a channel from outside its selector thread only takes effect when the selector
    // next wakes up; shutting the socket's output down first sends the FIN now.
    EndPoint network = connection.getEndPoint();
    while (network instanceof EndPoint.Wrapper wrapper) {
      network = wrapper.unwrap();
    }
    if (network.getTransport() instanceof SocketChannel channel) {
      try {
        channel.shutdownOutput();
      } catch (IOException | RuntimeException alreadyClosed) {
        // closing anyway
      }
    }
    connection.getEndPoint().close();
    network.close();
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
