package io.ordertrace.e2e.pipeline;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain OTLP client (protobuf over HTTP, no agent, no agent-side redaction) and a small Tempo
 * client: trace by id as protobuf, TraceQL search.
 */
final class Spans {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private Spans() {}

  static String newTraceId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static String newSpanId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static KeyValue attr(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  /** A span builder with ids, kind and timing filled in. */
  static Span.Builder span(String traceId, String spanId, String parentId, String name, Span.SpanKind kind,
      long startNanos, long durationMillis, Map<String, String> attributes) {
    Span.Builder s = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(startNanos + durationMillis * 1_000_000L);
    if (parentId != null) {
      s.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentId)));
    }
    attributes.forEach((k, v) -> s.addAttributes(attr(k, v)));
    return s;
  }

  static Span.Builder error(Span.Builder s) {
    return s.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"));
  }

  static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  /** POSTs to an OTLP/HTTP /v1/traces URL; the status code, or -1 when the request failed. */
  static int post(String url, ExportTraceServiceRequest request) {
    return post(url, request, null);
  }

  static int post(String url, ExportTraceServiceRequest request, String authorization) {
    return post(HTTP, url, request, authorization);
  }

  static int post(HttpClient client, String url, ExportTraceServiceRequest request, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  // ------------------------------------------------------------------ Tempo

  /** The trace's spans as Tempo has them (empty when Tempo does not know the trace). */
  static List<Span> trace(String tempoUrl, String traceId) {
    try {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(tempoUrl + "/api/traces/" + traceId))
          .header("Accept", "application/protobuf").timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 404) {
        return List.of();
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Tempo answered " + r.statusCode() + " for trace " + traceId);
      }
      // tempopb.Trace { repeated ResourceSpans resource_spans = 1 } has TracesData's wire format
      TracesData data = TracesData.parseFrom(r.body());
      List<Span> spans = new ArrayList<>();
      data.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
      return spans;
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The trace as Tempo's JSON (for substring checks). */
  static String traceJson(String tempoUrl, String traceId) {
    HttpResponse<String> r = PipelineProcesses.get(tempoUrl + "/api/traces/" + traceId);
    return r.statusCode() == 200 ? r.body() : "";
  }

  private static final Pattern TRACE_ID = Pattern.compile("\"traceID\"\\s*:\\s*\"([0-9a-fA-F]+)\"");

  /** Trace ids a TraceQL search returns (last hour). */
  static Set<String> search(String tempoUrl, String traceql) {
    long now = System.currentTimeMillis() / 1000;
    String url = tempoUrl + "/api/search?limit=100&start=" + (now - 3600) + "&end=" + (now + 60)
        + "&q=" + URLEncoder.encode(traceql, StandardCharsets.UTF_8);
    HttpResponse<String> r = PipelineProcesses.get(url);
    Set<String> ids = new LinkedHashSet<>();
    if (r.statusCode() != 200) {
      return ids;
    }
    Matcher m = TRACE_ID.matcher(r.body());
    while (m.find()) {
      ids.add(normalise(m.group(1)));
    }
    return ids;
  }

  /** Tempo's search drops leading zeros of trace ids; pad back to 32 hex digits. */
  static String normalise(String id) {
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    return "0".repeat(Math.max(0, 32 - lower.length())) + lower;
  }

  static String attribute(Span s, String key) {
    for (KeyValue kv : s.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().getStringValue();
      }
    }
    return null;
  }
}
