package io.ordertrace.gateway;

/** What the policies look at: method, path (raw, already checked to need no decoding) and query. */
record GatewayRequest(String method, String path, QueryParameters parameters) {

  /** The {@code q} parameter (TraceQL), or null. */
  String traceQl() {
    return parameters.get("q");
  }
}
