/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Jaeger v2's HTTP query API ({@code jaeger_query}, port 16686 by default) over the JDK's
 * HttpClient. Thread-safe; build one per store and reuse it.
 *
 * <pre>{@code
 * JaegerQueryClient store = JaegerQueryClient.builder(URI.create("http://127.0.0.1:16686"))
 *     .timeout(Duration.ofSeconds(10)).build();
 * TraceSearchResult found = store.findTraces(TraceSearch.builder().tag("order.id", "A-1").build());
 * }</pre>
 */
public final class JaegerQueryClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{1,32}");
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final URI baseUrl;
  private final String base;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final int maxConcurrency;
  private final HttpClient http;

  private JaegerQueryClient(Builder builder) {
    this.baseUrl = builder.baseUrl;
    String text = builder.baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.timeout = builder.timeout;
    this.headers = Map.copyOf(builder.headers);
    this.maxConcurrency = builder.maxConcurrency;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(builder.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A builder for the client of the Jaeger query API at {@code baseUrl}.
   *
   * @param baseUrl the query API's root, {@code http(s)://host:port[/prefix]}
   */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** Services that have spans in the store ({@code /api/services}), sorted. */
  public List<String> services() {
    return strings(getJson("/api/services", true));
  }

  /** Operation (span) names of one service ({@code /api/services/{service}/operations}). */
  public List<String> operations(String service) {
    return strings(getJson("/api/services/" + encodePath(service) + "/operations", true));
  }

  /**
   * Searches {@code /api/traces}. Without {@link TraceSearch#service()}, asks each service of
   * {@link #services()}, at most {@code maxConcurrency} at once, and merges the answers by trace
   * id. A service whose search fails is named in {@link TraceSearchResult#errors()}; if every
   * search fails, the first failure is thrown.
   *
   * @throws StoreException if the services cannot be listed, or every search failed
   */
  public TraceSearchResult findTraces(TraceSearch search) {
    List<String> services = search.service() != null ? List.of(search.service()) : services();
    TraceMerger merger = new TraceMerger();
    List<String> errors = new ArrayList<>();
    if (services.isEmpty()) {
      return new TraceSearchResult(merger.result(), errors);
    }
    StoreException firstFailure = null;
    int failures = 0;
    List<Answer> answers = fanOut(services, search);
    for (Answer answer : answers) {
      if (answer.failure != null) {
        failures++;
        if (firstFailure == null) {
          firstFailure = answer.failure;
        }
        errors.add("service " + answer.service + ": " + answer.failure.getMessage());
      } else {
        merger.addAll(answer.data);
      }
    }
    if (failures == services.size()) {
      throw firstFailure;
    }
    return new TraceSearchResult(merger.result(), errors);
  }

  /**
   * One trace in Jaeger JSON ({@code /api/traces/{id}}), or empty when the store does not have it.
   *
   * @param traceId 1 to 32 hex digits
   * @throws IllegalArgumentException if {@code traceId} is not hex
   */
  public Optional<ObjectNode> trace(String traceId) {
    String id = checkTraceId(traceId);
    JsonNode body = getJson("/api/traces/" + id, false);
    if (body == null) {
      return Optional.empty();
    }
    TraceMerger merger = new TraceMerger();
    merger.addAll(body.path("data"));
    var traces = merger.result();
    if (traces.isEmpty() || traces.get(0).path("spans").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((ObjectNode) traces.get(0));
  }

  /**
   * One trace as OTLP JSON from {@code /api/v3/traces/{id}} (resource attributes, span kind, status
   * and events intact): the object holding {@code resourceSpans}, or empty when the store does not
   * have it.
   */
  public Optional<ObjectNode> traceOtlp(String traceId) {
    String id = checkTraceId(traceId);
    JsonNode body = getJson("/api/v3/traces/" + id, false);
    if (body == null) {
      return Optional.empty();
    }
    JsonNode result = body.has("result") ? body.get("result") : body;
    if (!result.isObject() || result.path("resourceSpans").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((ObjectNode) result);
  }

  private static String checkTraceId(String traceId) {
    if (!TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException("trace id must be 1 to 32 hex digits");
    }
    return TraceMerger.normalizeId(traceId);
  }

  private record Answer(
      String service, @Nullable JsonNode data, @Nullable StoreException failure) {}

  private List<Answer> fanOut(List<String> services, TraceSearch search) {
    if (services.size() == 1) {
      return List.of(searchOne(services.get(0), search));
    }
    int threads = Math.min(maxConcurrency, services.size());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "jaeger-query");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Answer>> futures = new ArrayList<>();
      for (String service : services) {
        futures.add(pool.submit(() -> searchOne(service, search)));
      }
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } catch (InterruptedException e) {
      throw interrupted(base, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private Answer searchOne(String service, TraceSearch search) {
    try {
      String query =
          search.toQueryParameters(service).entrySet().stream()
              .map(entry -> encodeQuery(entry.getKey()) + "=" + encodeQuery(entry.getValue()))
              .collect(Collectors.joining("&"));
      JsonNode body = getJson("/api/traces?" + query, true);
      return new Answer(service, body.path("data"), null);
    } catch (StoreException e) {
      return new Answer(service, null, e);
    }
  }

  /**
   * GETs {@code path} and parses the JSON body; {@code null} on 404 when {@code notFoundIsError} is
   * false.
   */
  @Nullable
  private JsonNode getJson(String path, boolean notFoundIsError) {
    String url = base + path;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw unreachable(
          url, "no answer from the trace store at " + url + " within " + seconds(timeout), e);
    } catch (IOException e) {
      throw unreachable(url, "cannot reach the trace store at " + url + " (" + reason(e) + ")", e);
    } catch (InterruptedException e) {
      throw interrupted(url, e);
    }
    int status = response.statusCode();
    if (status == 404 && !notFoundIsError) {
      return null;
    }
    if (status != 200) {
      throw new StoreException(
          StoreException.Kind.HTTP_STATUS,
          url,
          status,
          "the trace store at " + url + " answered HTTP " + status + errorDetail(response.body()),
          null);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body == null || body.isMissingNode()) {
        throw badResponse(url, status, "an empty body", null);
      }
      JsonNode errors = body.path("errors");
      if (errors.isArray() && !errors.isEmpty() && body.path("data").isNull()) {
        throw badResponse(url, status, "an error: " + errors.get(0).path("msg").asText(""), null);
      }
      return body;
    } catch (JsonProcessingException e) {
      throw badResponse(url, status, "something that is not JSON: " + snippet(response.body()), e);
    }
  }

  private static StoreException unreachable(String url, String message, Exception cause) {
    return new StoreException(StoreException.Kind.UNREACHABLE, url, 0, message, cause);
  }

  /** Restores the thread's interrupt flag and says which request it cut short. */
  private static StoreException interrupted(String url, InterruptedException cause) {
    Thread.currentThread().interrupt();
    return unreachable(url, "interrupted while asking the trace store at " + url, cause);
  }

  /** The store answered 200 but not with what the API promises: {@code answer} says what. */
  private static StoreException badResponse(
      String url, int status, String answer, @Nullable Exception cause) {
    return new StoreException(
        StoreException.Kind.BAD_RESPONSE,
        url,
        status,
        "the trace store at " + url + " answered " + answer,
        cause);
  }

  private static List<String> strings(JsonNode body) {
    JsonNode data = body.path("data");
    List<String> values = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(
          value -> {
            if (value.isTextual()) {
              values.add(value.asText());
            } else if (value.isObject() && value.has("name")) {
              values.add(value.get("name").asText());
            }
          });
    }
    values.sort(null);
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static String errorDetail(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode errors = json.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        return ": " + oneLine(errors.get(0).path("msg").asText(""));
      }
      JsonNode error = json.path("error");
      if (error.isObject()) {
        return ": " + oneLine(error.path("message").asText(""));
      }
    } catch (JsonProcessingException | RuntimeException notJson) {
      // fall through
    }
    String snippet = snippet(body);
    return snippet.isEmpty() ? "" : ": " + snippet;
  }

  private static String snippet(String body) {
    String text = oneLine(body);
    return text.length() <= MAX_BODY_IN_MESSAGE
        ? text
        : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
  }

  private static String reason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + oneLine(message);
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private static String encodePath(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodeQuery(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Builds a {@link JaegerQueryClient}. */
  public static final class Builder {
    private final URI baseUrl;
    private Duration timeout = Duration.ofSeconds(10);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int maxConcurrency = 4;

    private Builder(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || baseUrl.getHost() == null
          || baseUrl.getRawQuery() != null
          || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "store URL '" + baseUrl + "' must be http(s)://host[:port][/prefix]");
      }
      this.baseUrl = baseUrl;
    }

    /** Connect and per-request timeout; 10 s by default. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** A header sent with every request (e.g. a gateway's identity headers); never logged. */
    public Builder header(String name, String value) {
      if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
        throw new IllegalArgumentException("invalid header name");
      }
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        throw new IllegalArgumentException(
            "header " + name + ": value must not contain CR, LF or NUL");
      }
      headers.put(name, value);
      return this;
    }

    /** How many per-service searches run at once; 4 by default. */
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1");
      }
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public JaegerQueryClient build() {
      return new JaegerQueryClient(this);
    }
  }
}
