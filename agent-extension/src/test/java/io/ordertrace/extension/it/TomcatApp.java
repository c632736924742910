/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An internal service on embedded Tomcat: calls Netty (internal) and a payment host (external). */
public final class TomcatApp {

  private static final Logger logger = LoggerFactory.getLogger(TomcatApp.class);

  public static void main(String[] args) throws IOException, LifecycleException {
    int port = Integer.parseInt(args[0]);
    String netty = args[1];
    String external = args[2];
    HttpClient client = HttpClient.newHttpClient();

    serve(
        port,
        "tomcat",
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            if (request.getRequestURI().equals("/internal/fail")) {
              throw new IllegalStateException(
                  "payment for customer ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused");
            }
            logger.info("processing work");
            try {
              client.send(
                  HttpRequest.newBuilder(URI.create(netty + "/netty/work")).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
              client.send(
                  HttpRequest.newBuilder(URI.create(external + "/v1/charges"))
                      .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100}"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            response.setStatus(200);
            response.getWriter().write("done");
          }
        });
  }

  /**
   * Serves every path on {@code port} with {@code servlet} on embedded Tomcat, prints "{@code
   * <name> listening on <port>}" once started, and blocks until Tomcat stops.
   */
  static void serve(int port, String name, HttpServlet servlet)
      throws IOException, LifecycleException {
    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("tomcat-it").toFile();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setPort(port);
    tomcat.getConnector();
    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "app", servlet);
    context.addServletMappingDecoded("/*", "app");
    tomcat.start();
    System.out.println(name + " listening on " + port);
    tomcat.getServer().await();
  }

  private TomcatApp() {}
}
