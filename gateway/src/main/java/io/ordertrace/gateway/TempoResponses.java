package io.ordertrace.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two things the gateway reads from Tempo's JSON answers, without a JSON library. */
final class TempoResponses {

  /** A search result's traces each have one {@code "traceID"} key. */
  private static final Pattern TRACE_ID_KEY = Pattern.compile("[{,]\\s*\"traceID\"\\s*:");
  /**
   * An OTLP JSON attribute {@code {"key":"order.id","value":{"stringValue":"<non-empty>"}}}.
   * The key must follow {@code {} or {@code ,}, so text inside a string value (where quotes are
   * escaped) cannot fake it.
   */
  private static final Pattern ORDER_ID_ATTRIBUTE =
      Pattern.compile("[{,]\\s*\"key\"\\s*:\\s*\"order\\.id\"\\s*,\\s*\"value\"\\s*:\\s*\\{\\s*\"stringValue\"\\s*:\\s*\"[^\"]");

  private TempoResponses() {}

  /** The number of traces in a search answer. */
  static int searchResultCount(String json) {
    Matcher matcher = TRACE_ID_KEY.matcher(json);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  /** Whether a trace (OTLP JSON, v1 or v2 API) has an attribute {@code order.id} with a value. */
  static boolean hasOrderId(String json) {
    return ORDER_ID_ATTRIBUTE.matcher(json).find();
  }
}
