package io.ordertrace.gateway;

/** A TraceQL query that does not even tokenise or balance; answered with 400. */
final class MalformedTraceQlException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedTraceQlException(String message) {
    super(message);
  }
}
