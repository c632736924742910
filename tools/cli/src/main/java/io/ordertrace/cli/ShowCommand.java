package io.ordertrace.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ordertrace show <trace-id>}: the latency waterfall of one trace (U2). */
final class ShowCommand {

  /** The parsed command line. */
  record Options(String traceId, int width, TempoOptions tempo) {}

  private ShowCommand() {}

  static Options parse(List<String> argv, Map<String, String> env) {
    Set<String> withValue = new HashSet<>(TempoOptions.WITH_VALUE);
    withValue.add("--width");
    Arguments args = Arguments.parse(argv, withValue, TempoOptions.FLAGS);
    if (args.operands().isEmpty()) {
      throw new UsageException("a trace id is required");
    }
    if (args.operands().size() > 1) {
      throw new UsageException("unexpected argument '" + args.operands().get(1) + "'");
    }
    return new Options(
        TraceIds.normalizeTraceId(args.operands().get(0).strip()),
        args.intValue("--width", WaterfallRenderer.DEFAULT_WIDTH, 10, 400),
        TempoOptions.from(args, env));
  }

  static int run(Options options, TempoClient tempo, PrintStream out, PrintStream err)
      throws TempoException {
    Optional<Trace> trace = tempo.trace(options.traceId());
    if (trace.isEmpty()) {
      err.println(
          "trace "
              + options.traceId()
              + " not found in Tempo at "
              + tempo.baseUrl()
              + " (not received yet, or past retention)");
      return ExitCodes.NOT_FOUND;
    }
    if (options.tempo().json()) {
      out.println(JsonWriter.write(WaterfallRenderer.toJson(trace.get())));
    } else {
      out.print(new WaterfallRenderer(options.width(), options.tempo().glyphs()).render(trace.get()));
    }
    return ExitCodes.OK;
  }
}
