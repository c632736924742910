/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays a third-party provider (no agent): remembers the headers of every call and shows them at
 * {@code GET /_received}, one {@code name: value} per line, calls separated by a blank line.
 */
public final class ExternalStub {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/_received", exchange -> EdgeApp.respond(exchange, 200, String.join("\n", received)));
    server.createContext(
        "/",
        exchange -> {
          StringBuilder call = new StringBuilder(exchange.getRequestURI().toString()).append('\n');
          for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            call.append(header.getKey().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(String.join(",", header.getValue()))
                .append('\n');
          }
          received.add(call.toString());
          exchange.getRequestBody().readAllBytes();
          EdgeApp.respond(exchange, 200, "{\"status\":\"charged\"}");
        });
    server.start();
    System.out.println("external stub listening on " + port);
  }

  private ExternalStub() {}
}
