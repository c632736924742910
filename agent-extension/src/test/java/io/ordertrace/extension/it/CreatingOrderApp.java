/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An order system where the order id is born mid-request, as in the CRM: {@code POST /api/orders}
 * first calls a provider (a client span that ends before any id exists), then issues the id and
 * names it only in the {@code X-Order-Id} response header. {@code POST /crm/orders/{id}/approve}
 * always fails with 500.
 */
public final class CreatingOrderApp {

  static final String NEW_ORDER_ID = "300042";

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String provider = args[1];
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = EdgeApp.serverWithHealth(port);
    server.createContext(
        "/api/orders",
        exchange -> {
          try {
            client.send(
                HttpRequest.newBuilder(URI.create(provider + "/v1/reservations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("X-Order-Id", NEW_ORDER_ID);
          EdgeApp.respond(exchange, 201, "created");
        });
    server.createContext(
        "/crm/orders/", exchange -> EdgeApp.respond(exchange, 500, "approval failed"));
    server.start();
    System.out.println("order system listening on " + port);
  }

  private CreatingOrderApp() {}
}
