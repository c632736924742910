/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Test fixtures: OTLP JSON traces stored next to the tests, in both encodings producers use, and
 * the Jaeger JSON the tool makes of them (the same shape as Jaeger's /api/traces).
 */
final class Fixtures {

  /** Trace 0af7...319c of order O-1001: OTLP JSON with base64 ids and enum names. */
  static final String TRACE_1 = "otlp-base64-trace.json";

  static final String TRACE_1_ID = "0af7651916cd43dd8448eb211c80319c";

  /**
   * Trace 00b1...c4d5, one hour later: OTLP JSON with hex ids and numeric enums (otlp_json files).
   */
  static final String TRACE_2 = "otlp-hex-trace.json";

  static final String TRACE_2_ID = "00b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";

  /** Fixed start of the fixtures' first trace, epoch nanoseconds (2026-11-23T03:58:50Z). */
  static final long T0 = 1_795_406_330_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as Jaeger JSON traces. */
  static List<JsonNode> jaeger(String name) {
    OtlpJson otlp = new OtlpJson(span -> true);
    otlp.add(read(name));
    return otlp.traces();
  }

  static Trace trace1() {
    return JaegerTraces.toTrace(jaeger(TRACE_1).get(0));
  }

  static Trace trace2() {
    return JaegerTraces.toTrace(jaeger(TRACE_2).get(0));
  }

  private Fixtures() {}
}
