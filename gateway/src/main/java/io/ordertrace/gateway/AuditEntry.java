package io.ordertrace.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fields of one audit line. Filled in as the request is handled; headers other than the
 * user and role are never recorded (in particular not the shared secret).
 */
final class AuditEntry {

  private static final int MAX_FIELD = 8192;

  private final Instant time = Instant.now();
  private final long startNanos = System.nanoTime();
  String user;
  String role;
  String caller = "none";
  String client;
  String method;
  String path;
  String query;
  String decision = "denied";
  String reason;
  int status;
  Integer upstreamStatus;
  Integer resultCount;

  String toJson() {
    long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    return "{\"ts\":" + Json.quote(time.truncatedTo(ChronoUnit.MILLIS).toString())
        + ",\"user\":" + Json.quote(cap(user))
        + ",\"role\":" + Json.quote(cap(role))
        + ",\"caller\":" + Json.quote(caller)
        + ",\"client\":" + Json.quote(client)
        + ",\"method\":" + Json.quote(cap(method))
        + ",\"path\":" + Json.quote(cap(path))
        + ",\"query\":" + Json.quote(cap(query))
        + ",\"decision\":" + Json.quote(decision)
        + ",\"reason\":" + Json.quote(cap(reason))
        + ",\"status\":" + status
        + ",\"upstream_status\":" + upstreamStatus
        + ",\"result_count\":" + resultCount
        + ",\"duration_ms\":" + durationMs
        + "}";
  }

  private static String cap(String value) {
    return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD) + "...(truncated)";
  }
}
