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
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
