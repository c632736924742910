/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * A public edge that does what careless code does with customer data: it logs the request's note
 * (JUL, which the agent bridges to OTLP logs) and hands it to an internal service, which fails with
 * it in the exception message. Extra program arguments are ignored (they carry a connection string
 * with a password into the process resource attributes).
 */
public final class PrivacyEdgeApp {

  private static final Logger logger = Logger.getLogger("shop.orders");

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String downstream = args[1];
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = EdgeApp.serverWithHealth(port);
    server.createContext(
        "/api/orders/",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          String note =
              query != null && query.startsWith("note=")
                  ? URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8)
                  : "";
          String header = exchange.getRequestHeaders().getFirst("X-Note");
          logger.warning("order note: " + note + " | header note: " + header);
          try {
            client.send(
                HttpRequest.newBuilder(
                        URI.create(
                            downstream
                                + "/internal/fail?note="
                                + URLEncoder.encode(note, StandardCharsets.UTF_8)))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
            EdgeApp.respond(exchange, 200, "order accepted");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            EdgeApp.respond(exchange, 500, "interrupted");
          }
        });
    server.start();
    System.out.println("privacy edge listening on " + port);
  }

  private PrivacyEdgeApp() {}
}
