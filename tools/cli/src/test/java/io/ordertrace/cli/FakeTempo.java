package io.ordertrace.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Tempo's query API in unit tests: canned answers by path, and a record of every
 * request (path, query, headers) for checks. The real Tempo is in the {@code *IT} tests.
 */
final class FakeTempo implements AutoCloseable {

  record Answer(int status, String body) {}

  record Request(String path, String query, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeTempo() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers requests to {@code path} (no query) with {@code status} and {@code body}. */
  FakeTempo answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  List<Request> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    requests.add(new Request(uri.getPath(), uri.getRawQuery(), Map.copyOf(exchange.getRequestHeaders())));
    Answer answer = answers.getOrDefault(uri.getPath(), new Answer(404, "404 page not found"));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
