package io.ordertrace.gateway;

import java.util.Set;

/**
 * Developers read everything through Tempo's query API (U2), nothing else: search, tags and
 * tag values, traces by id, TraceQL metrics, {@code /api/echo}, {@code /api/status/buildinfo},
 * {@code /ready}. A {@code q} must pass {@link TraceQlGuard#checkSyntax}; the metrics endpoints
 * require one.
 */
final class DeveloperPolicy implements AccessPolicy {

  static final DeveloperPolicy INSTANCE = new DeveloperPolicy();

  private static final Set<String> PLAIN =
      Set.of("/api/search", "/api/search/tags", "/api/v2/search/tags",
          "/api/echo", "/api/status/buildinfo", "/ready");
  private static final Set<String> METRICS = Set.of("/api/metrics/query_range", "/api/metrics/query");

  private DeveloperPolicy() {}

  @Override
  public Decision decideGet(GatewayRequest request) {
    String path = request.path();
    boolean metrics = METRICS.contains(path);
    boolean allowed =
        metrics
            || PLAIN.contains(path)
            || AccessPolicy.TRACE_PATH.matcher(path).matches()
            || AccessPolicy.TAG_VALUES_PATH.matcher(path).matches();
    if (!allowed) {
      return Decision.forbidden("endpoint not allowed for developer");
    }
    String q = request.traceQl();
    if (q == null && metrics) {
      return Decision.badRequest("malformed TraceQL: metrics queries need q");
    }
    if (q != null) {
      try {
        TraceQlGuard.checkSyntax(q);
      } catch (MalformedTraceQlException e) {
        return Decision.badRequest("malformed TraceQL: " + e.getMessage());
      }
    }
    return Decision.allow("developer read");
  }
}
