/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small router on top of the JDK's {@code com.sun.net.httpserver}. Handlers may throw: {@link
 * HttpError} becomes its status, anything else a 500, both with a JSON error body.
 */
public final class LiteHttpServer {
  private static final Log LOG = Log.get(LiteHttpServer.class);
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /** A request handler; {@code path} holds the regex groups of the route. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange, Matcher path) throws Exception;
  }

  /** An error with an HTTP status, raised by handlers. */
  public static class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final class Route {
    final String method;
    final Pattern path;
    final Handler handler;

    Route(String method, Pattern path, Handler handler) {
      this.method = method;
      this.path = path;
      this.handler = handler;
    }
  }

  private final String serviceName;
  private final List<Route> routes = new ArrayList<>();
  private HttpServer server;
  private ExecutorService executor;

  public LiteHttpServer(String serviceName) {
    this.serviceName = serviceName;
  }

  public LiteHttpServer route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    return this;
  }

  public LiteHttpServer start(String bindHost, int port, int threads) throws IOException {
    // The JDK server writes the response headers and the body in separate small segments; without
    // TCP_NODELAY, Nagle holds the body until the client's delayed ACK (40 ms on Linux), so every
    // small answer took ~44 ms. Read once, when the first server of the JVM is created; an explicit
    // -Dsun.net.httpserver.nodelay=false still wins.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    server = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
    executor = Executors.newFixedThreadPool(threads);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
    LOG.info(
        serviceName + " listening on http://" + bindHost + ":" + server.getAddress().getPort());
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    if (server != null) {
      server.stop(1);
      executor.shutdownNow();
    }
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      boolean pathKnown = false;
      for (Route r : routes) {
        Matcher m = r.path.matcher(path);
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (r.method.equalsIgnoreCase(ex.getRequestMethod())) {
          r.handler.handle(ex, m);
          return;
        }
      }
      if (pathKnown) {
        throw new HttpError(405, "method " + ex.getRequestMethod() + " not allowed on " + path);
      }
      throw new HttpError(404, "no such resource: " + path);
    } catch (HttpError e) {
      if (e.status() >= 500) {
        LOG.error(
            ex.getRequestMethod() + " " + ex.getRequestURI() + " failed: " + e.getMessage(), e);
      }
      sendError(ex, e.status(), e);
    } catch (Exception e) {
      LOG.error(ex.getRequestMethod() + " " + ex.getRequestURI() + " failed", e);
      sendError(ex, 500, e);
    } finally {
      ex.close();
    }
  }

  private static void sendError(HttpExchange ex, int status, Exception e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", e.getClass().getSimpleName());
    body.put("message", e.getMessage());
    try {
      sendJson(ex, status, body);
    } catch (IOException | RuntimeException ignored) {
      // response already started or client gone
    }
  }

  /** Reads the request body as UTF-8. */
  public static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Parses the request body as a JSON object, or answers 400. */
  public static Map<String, Object> jsonBody(HttpExchange ex) throws IOException {
    try {
      return Json.parseObject(body(ex));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "request body must be a JSON object: " + e.getMessage());
    }
  }

  public static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] bytes)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
