/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.time.Instant;
import java.util.Map;

/**
 * The fields of one audit line (S4). Filled in as the request is handled; headers other than the
 * user and role are never recorded (in particular not the shared secret). Until the caller is
 * authenticated only a short prefix of what it sent is kept ({@link #unauthenticated()}).
 */
final class AuditEntry {

  /** Longest field kept from an authenticated caller. */
  static final int MAX_FIELD = 1024;

  /** Longest prefix kept of what an unauthenticated caller sent (path, method). */
  static final int UNAUTHENTICATED_PREFIX = 64;

  final Instant time = Instant.now();
  final long startNanos = System.nanoTime();
  String user;
  String role;
  String caller = "none";
  String client;
  String method;
  String path;
  Map<String, String> query;
  String decision = "denied";
  String reason;
  int status;
  Integer upstreamStatus;
  Integer upstreamCalls;
  Integer resultCount;

  /** Drops everything but a short prefix of the method and path: the caller is not trusted. */
  void unauthenticated() {
    user = null;
    role = null;
    query = null;
    method = prefix(method, 16);
    path = prefix(path, UNAUTHENTICATED_PREFIX);
  }

  static String prefix(String value, int max) {
    return value == null || value.length() <= max
        ? value
        : value.substring(0, max) + "...(truncated)";
  }

  long durationMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
