package io.ordertrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures: Tempo answers stored next to the tests. */
final class Fixtures {

  /** Trace 0af7...319c of order O-1001, Tempo's /api/traces shape (base64 ids). */
  static final String TRACE_V1 = "order-trace-v1.json";
  static final String TRACE_V1_ID = "0af7651916cd43dd8448eb211c80319c";

  /** Trace 00b1...c4d5, one hour later, /api/v2/traces shape with hex ids and numeric enums. */
  static final String TRACE_V2 = "order-trace-v2.json";
  static final String TRACE_V2_ID = "00b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";

  /** Fixed start of the fixtures' first trace, epoch nanoseconds (2026-11-23T03:58:50Z). */
  static final long T0 = 1_795_406_330_000_000_000L;

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Trace traceV1() {
    return OtlpTraceParser.parse(TRACE_V1_ID, read(TRACE_V1));
  }

  static Trace traceV2() {
    return OtlpTraceParser.parse(TRACE_V2_ID, read(TRACE_V2));
  }

  private Fixtures() {}
}
