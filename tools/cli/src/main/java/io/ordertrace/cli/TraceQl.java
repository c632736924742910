package io.ordertrace.cli;

/** Builds the TraceQL queries of the tool. */
final class TraceQl {

  private TraceQl() {}

  /** The query that finds every trace with a span of order {@code orderId}. */
  static String spansOfOrder(String orderId) {
    return "{ span.order.id = " + quote(orderId) + " }";
  }

  /**
   * A TraceQL string literal: double quotes, with backslash, quote and control characters
   * escaped, so no value can end the literal early and change the query.
   */
  static String quote(String value) {
    // TraceQL string literals take the same escapes as JSON strings
    return JsonWriter.quoted(value);
  }
}
