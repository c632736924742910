/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The public edge: a JDK HTTP server that calls the internal service on a path with no id. */
public final class EdgeApp {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String downstream = args[1];
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = serverWithHealth(port);
    server.createContext(
        "/api/orders/",
        exchange -> {
          try {
            for (String path : new String[] {"/internal/work", "/internal/fail"}) {
              client.send(
                  HttpRequest.newBuilder(URI.create(downstream + path)).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
            }
            respond(exchange, 200, "order accepted");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "interrupted");
          }
        });
    server.start();
    System.out.println("edge listening on " + port);
  }

  /** A JDK HTTP server on loopback {@code port} whose {@code /health} answers 200 "UP". */
  static HttpServer serverWithHealth(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", exchange -> respond(exchange, 200, "UP"));
    return server;
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private EdgeApp() {}
}
