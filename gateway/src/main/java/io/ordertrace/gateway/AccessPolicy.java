package io.ordertrace.gateway;

import java.util.regex.Pattern;

/**
 * What one role may do. Deny by default: a policy allows only what it names. Rules common to
 * every role are applied first by {@link #decide(Role, GatewayRequest)}: only GET, only paths
 * made of plain segments (no percent-encoding, no {@code .} or {@code ..}).
 */
interface AccessPolicy {

  Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_.:-]+)+");
  Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{1,32}");
  Pattern TRACE_PATH = Pattern.compile("/api(/v2)?/traces/([0-9a-fA-F]{1,32})");
  Pattern TAG_VALUES_PATH = Pattern.compile("/api(/v2)?/search/tag/([A-Za-z0-9_.:-]{1,256})/values");

  /** The role's decision for a GET of a plain path. */
  Decision decideGet(GatewayRequest request);

  static Decision decide(Role role, GatewayRequest request) {
    if (!"GET".equals(request.method())) {
      return Decision.forbidden("method " + request.method() + " is not allowed: the gateway is read-only");
    }
    String path = request.path();
    if (!PLAIN_PATH.matcher(path).matches() || path.contains("/./") || path.contains("/../")
        || path.endsWith("/.") || path.endsWith("/..")) {
      return Decision.forbidden("path not allowed");
    }
    AccessPolicy policy = role == Role.SUPPORT ? SupportPolicy.INSTANCE : DeveloperPolicy.INSTANCE;
    return policy.decideGet(request);
  }
}
