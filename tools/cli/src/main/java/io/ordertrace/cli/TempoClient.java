package io.ordertrace.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Tempo's HTTP query API: TraceQL search ({@code /api/search}) and trace by id
 * ({@code /api/v2/traces/<id>}, falling back to {@code /api/traces/<id>} on Tempo versions
 * without v2).
 */
final class TempoClient {

  /** Tempo refuses searches longer than {@code query_frontend.search.max_duration} (168h). */
  static final Duration MAX_SEARCH_WINDOW = Duration.ofHours(168);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_ERROR_BODY = 300;

  private final String baseUrl;
  private final List<String[]> headers;
  private final HttpClient http;
  private boolean v2Missing;

  /**
   * @param baseUrl Tempo's HTTP address, e.g. {@code http://127.0.0.1:3200}, may include a path
   *     prefix of a gateway
   * @param headers extra request headers, name and value
   */
  TempoClient(String baseUrl, List<String[]> headers) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.headers = List.copyOf(headers);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  String baseUrl() {
    return baseUrl;
  }

  /**
   * Traces matching {@code traceQl} that started between {@code start} and {@code end}, the
   * newest part of the window first. Windows longer than {@link #MAX_SEARCH_WINDOW} are searched in parts; a trace
   * found in two parts is listed once.
   *
   * @param limit at most this many traces per part
   */
  List<SearchHit> search(String traceQl, Instant start, Instant end, int limit)
      throws TempoException {
    Map<String, SearchHit> hits = new LinkedHashMap<>();
    Instant partEnd = end;
    while (partEnd.isAfter(start)) {
      Instant partStart = partEnd.minus(MAX_SEARCH_WINDOW);
      if (partStart.isBefore(start)) {
        partStart = start;
      }
      String url =
          baseUrl
              + "/api/search?q="
              + encode(traceQl)
              + "&start="
              + partStart.getEpochSecond()
              + "&end="
              + partEnd.getEpochSecond()
              + "&limit="
              + limit;
      HttpResponse<String> response = get(url);
      if (response.statusCode() != 200) {
        throw httpError(response);
      }
      for (Object trace : Json.list(parse(response), "traces")) {
        String id = Json.string(trace, "traceID");
        if (id == null) {
          continue;
        }
        String traceId;
        try {
          traceId = TraceIds.normalizeTraceId(id);
        } catch (UsageException notAnId) {
          throw new TempoException("unexpected answer from Tempo: bad trace id in search results");
        }
        hits.putIfAbsent(
            traceId, new SearchHit(traceId, Json.number(trace, "startTimeUnixNano", 0)));
      }
      partEnd = partStart;
    }
    return new ArrayList<>(hits.values());
  }

  /** The trace {@code traceId} (32 hex digits), empty if Tempo does not know it. */
  Optional<Trace> trace(String traceId) throws TempoException {
    if (!v2Missing) {
      HttpResponse<String> response = get(baseUrl + "/api/v2/traces/" + traceId);
      if (response.statusCode() == 200) {
        return nonEmpty(traceId, response);
      }
      if (response.statusCode() != 404 && response.statusCode() != 405) {
        throw httpError(response);
      }
      v2Missing = true; // an older Tempo: v1 answers 404 itself for unknown traces
    }
    HttpResponse<String> response = get(baseUrl + "/api/traces/" + traceId);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw httpError(response);
    }
    return nonEmpty(traceId, response);
  }

  private static Optional<Trace> nonEmpty(String traceId, HttpResponse<String> response)
      throws TempoException {
    try {
      Trace trace = OtlpTraceParser.parse(traceId, response.body());
      return trace.isEmpty() ? Optional.empty() : Optional.of(trace);
    } catch (IllegalArgumentException e) {
      throw new TempoException("unexpected answer from Tempo for trace " + traceId + ": " + e.getMessage());
    }
  }

  private static Object parse(HttpResponse<String> response) throws TempoException {
    try {
      return Json.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new TempoException(
          "unexpected answer from Tempo at " + response.uri() + ": " + e.getMessage());
    }
  }

  private HttpResponse<String> get(String url) throws TempoException {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(REQUEST_TIMEOUT)
              .header("Accept", "application/json")
              .GET();
    } catch (IllegalArgumentException e) {
      throw new TempoException("invalid Tempo URL '" + baseUrl + "': " + e.getMessage());
    }
    for (String[] header : headers) {
      request.header(header[0], header[1]);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TempoException("interrupted while waiting for Tempo at " + baseUrl);
    } catch (IOException | RuntimeException e) {
      throw TempoException.unreachable(baseUrl, reason(e));
    }
  }

  /** Why a request failed, in words: the JDK's messages are often empty for these. */
  static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpConnectTimeoutException) {
        return "connect timed out after " + CONNECT_TIMEOUT.toSeconds() + "s";
      }
      if (cause instanceof HttpTimeoutException) {
        return "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s";
      }
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "unknown host";
      }
      if (cause instanceof SSLException) {
        return "TLS error: " + cause.getMessage();
      }
    }
    String message = failure.getMessage();
    return message == null || message.isEmpty()
        ? failure.getClass().getSimpleName()
        : message;
  }

  private static TempoException httpError(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    if (body.length() > MAX_ERROR_BODY) {
      body = body.substring(0, MAX_ERROR_BODY) + "...";
    }
    String path = response.uri().getRawPath();
    return new TempoException(
        "Tempo answered HTTP "
            + response.statusCode()
            + " to "
            + path
            + (body.isEmpty() ? "" : ": " + body));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
