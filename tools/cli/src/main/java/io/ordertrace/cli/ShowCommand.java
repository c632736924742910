/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrace.store.JaegerQueryClient;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ordertrace show <trace-id>}: the latency waterfall of one trace (U2). */
@Command(
    name = "show",
    description =
        "Print the latency waterfall of one trace from Jaeger (/api/traces/{id}, or /api/v3 with --otlp).")
final class ShowCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(index = "0", paramLabel = "TRACE_ID", description = "1 to 32 hex digits")
  String traceId;

  @Option(
      names = "--width",
      paramLabel = "N",
      defaultValue = "40",
      description = "bar width, 10-400 (default: ${DEFAULT-VALUE})")
  int width;

  @Option(
      names = "--otlp",
      description = "read the trace as OTLP JSON from /api/v3/traces/{id} instead of Jaeger JSON")
  boolean otlp;

  @Mixin StoreOptions store;

  ShowCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String id = TraceIds.normalizeTraceId(traceId.strip());
    if (width < 10 || width > 400) {
      throw new CliException(ExitCodes.USAGE, "invalid --width: use 10 to 400");
    }
    JaegerQueryClient client = store.client(context);
    Optional<Trace> trace;
    if (otlp) {
      Optional<ObjectNode> document = client.traceOtlp(id);
      trace =
          document.map(
              json -> {
                OtlpJson converted = new OtlpJson(span -> true);
                converted.add(json);
                return converted.traces().isEmpty()
                    ? null
                    : JaegerTraces.toTrace(converted.traces().get(0));
              });
    } else {
      trace = client.trace(id).map(JaegerTraces::toTrace);
    }
    if (trace.isEmpty() || trace.get().isEmpty()) {
      context
          .err()
          .println(
              "trace "
                  + id
                  + " not found in the store at "
                  + client.baseUrl()
                  + " (not received yet, or past retention)");
      return ExitCodes.NOT_FOUND;
    }
    if (store.json) {
      context.out().println(Main.json(WaterfallRenderer.toJson(trace.get())));
    } else {
      context
          .out()
          .print(new WaterfallRenderer(width, store.glyphs(context.env())).render(trace.get()));
    }
    return ExitCodes.OK;
  }
}
