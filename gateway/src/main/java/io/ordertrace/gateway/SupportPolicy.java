package io.ordertrace.gateway;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Support sees order traces only (S2, U1):
 *
 * <ul>
 *   <li>{@code /api/search} with a {@code q} that {@link TraceQlGuard#orderConstraintViolation}
 *       accepts, and only the parameters {@code q start end limit spss};
 *   <li>{@code /api/traces/<id>} and {@code /api/v2/traces/<id>} (parameters {@code start end}),
 *       returned only if the trace has a span with {@code order.id};
 *   <li>the values of {@code span.order.stage} ({@code /api[/v2]/search/tag/span.order.stage/values},
 *       a {@code q} there must pass the same guard): lifecycle stage names, no order data;
 *   <li>{@code /api/echo} and {@code /api/status/buildinfo}: Grafana's datasource test and
 *       feature detection.
 * </ul>
 */
final class SupportPolicy implements AccessPolicy {

  static final SupportPolicy INSTANCE = new SupportPolicy();

  private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "start", "end", "limit", "spss");
  private static final Set<String> TRACE_PARAMETERS = Set.of("start", "end");
  private static final Set<String> TAG_VALUES_PARAMETERS = Set.of("q", "start", "end", "limit");

  private SupportPolicy() {}

  @Override
  public Decision decideGet(GatewayRequest request) {
    String path = request.path();
    if (path.equals("/api/echo") || path.equals("/api/status/buildinfo")) {
      return onlyParameters(request, Set.of(), Decision.allow("datasource health check"));
    }
    if (path.equals("/api/search")) {
      String q = request.traceQl();
      if (q == null) {
        return Decision.forbidden("support searches need a TraceQL query q with span.order.id = \"<id>\"");
      }
      Optional<Decision> guarded = guard(q);
      return guarded.orElseGet(
          () -> onlyParameters(request, SEARCH_PARAMETERS, Decision.allow("search by order id")));
    }
    if (AccessPolicy.TRACE_PATH.matcher(path).matches()) {
      return onlyParameters(request, TRACE_PARAMETERS, Decision.allowIfOrderTrace());
    }
    Matcher tagValues = AccessPolicy.TAG_VALUES_PATH.matcher(path);
    if (tagValues.matches()) {
      String tag = tagValues.group(2);
      if (!tag.equals("span.order.stage") && !(tagValues.group(1) == null && tag.equals("order.stage"))) {
        return Decision.forbidden("support may list the values of span.order.stage only");
      }
      if (request.traceQl() != null) {
        Optional<Decision> guarded = guard(request.traceQl());
        if (guarded.isPresent()) {
          return guarded.get();
        }
      }
      return onlyParameters(request, TAG_VALUES_PARAMETERS, Decision.allow("order stage values"));
    }
    return Decision.forbidden("endpoint not allowed for support");
  }

  private static Optional<Decision> guard(String q) {
    try {
      return TraceQlGuard.orderConstraintViolation(q).map(Decision::forbidden);
    } catch (MalformedTraceQlException e) {
      return Optional.of(Decision.badRequest("malformed TraceQL: " + e.getMessage()));
    }
  }

  private static Decision onlyParameters(GatewayRequest request, Set<String> allowed, Decision decision) {
    for (String name : request.parameters().values().keySet()) {
      if (!allowed.contains(name)) {
        return Decision.forbidden("query parameter '" + name + "' is not allowed for support");
      }
    }
    return decision;
  }
}
