/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The CRM as the load benchmark's shop-api sees it: GET /crm/orders/{id} answers a fixed order, GET
 * /health answers 200. Loopback only. Run with the JDK's source launcher: {@code java
 * bench/load/CrmStub.java PORT}. Never traced (no agent), so it costs the same in every variant.
 */
// a single-file program for the source launcher, run from bench/load/: no package to belong to
@SuppressWarnings("DefaultPackage")
public final class CrmStub {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: a fixed ~40 ms per call, which made shop-api's latency a network stall.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body;
          int status = 200;
          if (path.startsWith("/crm/orders/")) {
            String id = path.substring("/crm/orders/".length());
            body =
                ("{\"id\":\""
                        + id
                        + "\",\"status\":\"Approved\",\"amount\":12990.00,\"currency\":\"RUB\","
                        + "\"items\":[{\"sku\":\"RING-001\",\"quantity\":1,\"unitPrice\":12990.00}],"
                        + "\"history\":[{\"status\":\"Created\",\"at\":\"2026-11-29T10:00:00Z\"},"
                        + "{\"status\":\"Approved\",\"at\":\"2026-11-29T10:00:05Z\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
          } else if (path.equals("/health")) {
            body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          } else {
            status = 404;
            body = "{}".getBytes(StandardCharsets.UTF_8);
          }
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }
}
