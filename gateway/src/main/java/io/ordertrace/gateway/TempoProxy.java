package io.ordertrace.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Forwards checked GET requests to Tempo's query API, with timeouts. */
final class TempoProxy {

  /** Tempo's answer. */
  record Response(int status, String contentType, byte[] body) {}

  /** Tempo could not be reached or did not answer in time. */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean timeout;

    UnavailableException(String message, boolean timeout) {
      super(message);
      this.timeout = timeout;
    }

    boolean timeout() {
      return timeout;
    }
  }

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  TempoProxy(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  URI base() {
    return base;
  }

  /** GETs {@code path} with the checked, re-encoded parameters; {@code accept} may be null. */
  Response get(String path, QueryParameters parameters, String accept)
      throws UnavailableException, InterruptedException {
    String query = parameters.encoded();
    URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (accept != null && !accept.isBlank()) {
      request.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (HttpTimeoutException e) {
      throw new UnavailableException("Tempo at " + base + " did not answer within " + timeout.toSeconds() + " s", true);
    } catch (ConnectException e) {
      throw new UnavailableException("cannot reach Tempo at " + base + " (connection refused)", false);
    } catch (IOException e) {
      throw new UnavailableException("cannot reach Tempo at " + base + " (" + e + ")", false);
    }
  }
}
