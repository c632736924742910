package io.ordertrace.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code ordertrace find --order <id>}: every trace of one order, oldest first (U1). */
final class FindCommand {

  static final int DEFAULT_LIMIT = 20;
  static final String DEFAULT_SINCE = "30d";

  /** The parsed command line. */
  record Options(String orderId, Duration since, String sinceText, int limit, TempoOptions tempo) {}

  private FindCommand() {}

  static Options parse(List<String> argv, Map<String, String> env) {
    Set<String> withValue = new HashSet<>(TempoOptions.WITH_VALUE);
    withValue.addAll(List.of("--order", "--since", "--limit"));
    Arguments args = Arguments.parse(argv, withValue, TempoOptions.FLAGS);
    if (!args.operands().isEmpty()) {
      throw new UsageException("unexpected argument '" + args.operands().get(0) + "'");
    }
    String orderId = args.value("--order");
    if (orderId == null) {
      throw new UsageException("--order is required");
    }
    String sinceText = args.value("--since") == null ? DEFAULT_SINCE : args.value("--since").strip();
    return new Options(
        OrderIds.validate(orderId),
        Durations.parseWindow(sinceText),
        sinceText,
        args.intValue("--limit", DEFAULT_LIMIT, 1, 1000),
        TempoOptions.from(args, env));
  }

  static int run(Options options, TempoClient tempo, Clock clock, PrintStream out, PrintStream err)
      throws TempoException {
    Instant end = clock.instant().plusSeconds(60); // spans of clocks slightly ahead
    Instant start = clock.instant().minus(options.since());
    List<SearchHit> hits =
        tempo.search(TraceQl.spansOfOrder(options.orderId()), start, end, options.limit());
    boolean maybeMore = hits.size() >= options.limit();
    if (hits.size() > options.limit()) {
      hits = new ArrayList<>(hits);
      hits.sort(Comparator.comparingLong(SearchHit::startNanos).reversed());
      hits = hits.subList(0, options.limit());
    }

    List<Trace> traces = new ArrayList<>();
    for (SearchHit hit : hits) {
      Optional<Trace> trace = tempo.trace(hit.traceId());
      if (trace.isPresent()) {
        traces.add(trace.get());
      } else {
        err.println("ordertrace: trace " + hit.traceId() + " was found by search but could not be fetched; skipped");
      }
    }
    traces = OrderTracesTable.inTimeOrder(traces);

    if (options.tempo().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("orderId", options.orderId());
      json.put("since", options.sinceText());
      json.put("limit", options.limit());
      json.put("mayHaveMore", maybeMore);
      List<Object> rows = new ArrayList<>();
      traces.forEach(trace -> rows.add(OrderTracesTable.toJson(trace)));
      json.put("traces", rows);
      out.println(JsonWriter.write(json));
    } else if (!traces.isEmpty()) {
      out.println(
          "order "
              + options.orderId()
              + ": "
              + traces.size()
              + (traces.size() == 1 ? " trace" : " traces")
              + " in the last "
              + options.sinceText()
              + " (Tempo "
              + tempo.baseUrl()
              + ")");
      out.println();
      out.print(new OrderTracesTable(options.tempo().glyphs()).render(traces));
    }
    if (traces.isEmpty()) {
      err.println(
          "no traces found for order " + options.orderId() + " in the last " + options.sinceText());
      return ExitCodes.NOT_FOUND;
    }
    if (maybeMore) {
      err.println(
          "ordertrace: --limit "
              + options.limit()
              + " reached; the order may have more traces (raise --limit)");
    }
    return ExitCodes.OK;
  }
}
