package io.ordertrace.gateway;

/** What a policy says about one request. */
record Decision(Outcome outcome, int status, String reason) {

  enum Outcome {
    /** Forward to Tempo and return the answer. */
    ALLOW,
    /** Fetch the trace, return it only if a span carries {@code order.id}. */
    ALLOW_IF_ORDER_TRACE,
    /** Refuse with {@link #status()}. */
    DENY
  }

  static Decision allow(String reason) {
    return new Decision(Outcome.ALLOW, 200, reason);
  }

  static Decision allowIfOrderTrace() {
    return new Decision(Outcome.ALLOW_IF_ORDER_TRACE, 200, "trace fetch, checked for order.id");
  }

  static Decision forbidden(String reason) {
    return new Decision(Outcome.DENY, 403, reason);
  }

  static Decision badRequest(String reason) {
    return new Decision(Outcome.DENY, 400, reason);
  }

  boolean denied() {
    return outcome == Outcome.DENY;
  }
}
