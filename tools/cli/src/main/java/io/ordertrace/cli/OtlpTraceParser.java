package io.ordertrace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Reads a trace from Tempo's JSON: {@code /api/traces/<id>} ({@code {"batches": [...]}}),
 * {@code /api/v2/traces/<id>} ({@code {"trace": {"resourceSpans": [...]}}}) and plain OTLP/JSON
 * ({@code {"resourceSpans": [...]}}). Ids may be hex or base64, enums names or numbers.
 */
final class OtlpTraceParser {

  private static final int STATUS_CODE_ERROR = 2;

  private OtlpTraceParser() {}

  /**
   * Parses {@code json} as the trace {@code traceId}; an empty trace when Tempo has no spans.
   *
   * @throws IllegalArgumentException if the text is not JSON
   */
  static Trace parse(String traceId, String json) {
    Object document = Json.parse(json);
    Object trace = Json.get(document, "trace");
    Object container = trace != null ? trace : document;
    List<?> resourceSpans = Json.list(container, "batches");
    if (resourceSpans.isEmpty()) {
      resourceSpans = Json.list(container, "resourceSpans");
    }
    List<TraceSpan> spans = new ArrayList<>();
    for (Object resourceSpan : resourceSpans) {
      String service =
          stringAttribute(Json.get(resourceSpan, "resource"), "service.name");
      if (service == null || service.isEmpty()) {
        service = "unknown_service";
      }
      List<?> scopeSpans = Json.list(resourceSpan, "scopeSpans");
      if (scopeSpans.isEmpty()) {
        scopeSpans = Json.list(resourceSpan, "instrumentationLibrarySpans");
      }
      for (Object scopeSpan : scopeSpans) {
        for (Object span : Json.list(scopeSpan, "spans")) {
          spans.add(span(service, span));
        }
      }
    }
    return new Trace(traceId, spans);
  }

  private static TraceSpan span(String service, Object span) {
    Object status = Json.get(span, "status");
    boolean error = isError(Json.get(status, "code"));
    String name = Json.string(span, "name");
    String spanId = TraceIds.fromJson(Json.string(span, "spanId"), 8);
    return new TraceSpan(
        spanId == null ? "" : spanId,
        TraceIds.fromJson(Json.string(span, "parentSpanId"), 8),
        service,
        name == null ? "" : name,
        kind(Json.get(span, "kind")),
        Json.number(span, "startTimeUnixNano", 0),
        Json.number(span, "endTimeUnixNano", 0),
        error,
        error ? Json.string(status, "message") : null,
        exceptionType(span),
        stringAttribute(span, "order.id"),
        stringAttribute(span, "order.stage"));
  }

  private static boolean isError(@Nullable Object code) {
    if (code instanceof Number) {
      return ((Number) code).intValue() == STATUS_CODE_ERROR;
    }
    return code instanceof String
        && (code.equals("STATUS_CODE_ERROR") || code.equals("ERROR") || code.equals("2"));
  }

  private static String kind(@Nullable Object kind) {
    if (kind instanceof Number) {
      switch (((Number) kind).intValue()) {
        case 1:
          return "INTERNAL";
        case 2:
          return "SERVER";
        case 3:
          return "CLIENT";
        case 4:
          return "PRODUCER";
        case 5:
          return "CONSUMER";
        default:
          return "UNSPECIFIED";
      }
    }
    if (kind instanceof String) {
      return ((String) kind).replace("SPAN_KIND_", "").toUpperCase(Locale.ROOT);
    }
    return "UNSPECIFIED";
  }

  @Nullable
  private static String exceptionType(Object span) {
    for (Object event : Json.list(span, "events")) {
      if ("exception".equals(Json.string(event, "name"))) {
        String type = stringAttribute(event, "exception.type");
        if (type != null) {
          return type;
        }
      }
    }
    return null;
  }

  /** A string attribute of an object with an OTLP {@code attributes} list. */
  @Nullable
  private static String stringAttribute(@Nullable Object owner, String key) {
    for (Object attribute : Json.list(owner, "attributes")) {
      if (key.equals(Json.string(attribute, "key"))) {
        return Json.string(Json.get(attribute, "value"), "stringValue");
      }
    }
    return null;
  }
}
