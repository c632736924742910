package io.ordertrace.cli;

/** The help texts. */
final class Usage {

  static final String TOOL =
      String.join(
          "\n",
          "Usage: ordertrace <command> [options]",
          "",
          "Finds the traces of an order in Grafana Tempo and shows a trace's latency waterfall.",
          "",
          "Commands:",
          "  find --order <id>   every trace of one order, oldest first",
          "  show <trace-id>     the latency waterfall of one trace",
          "",
          "Options of every command:",
          "  --tempo URL         Tempo's HTTP API (default: $ORDERTRACE_TEMPO_URL, else "
              + TempoOptions.DEFAULT_URL
              + ")",
          "  --header 'N: v'     extra request header, repeatable (e.g. a bearer token for a gateway)",
          "  --json              machine-readable output",
          "  --ascii, --unicode  bar and mark characters (default: Unicode in a UTF-8 locale)",
          "  -h, --help          help; 'ordertrace <command> --help' for a command",
          "",
          "Exit codes: 0 found, 1 no such order or trace, 2 Tempo unreachable or failed,",
          "            64 bad usage, 70 internal error.",
          "");

  static final String FIND =
      String.join(
          "\n",
          "Usage: ordertrace find --order <id> [--since 30d] [--limit N] [--tempo URL] [--json]",
          "",
          "Lists every trace of one order, oldest first: start time (UTC), trace id, root service",
          "and span, services crossed, order stages reached, status, duration and errors.",
          "",
          "  --order ID          the order id (1-64 of A-Z a-z 0-9 . _ : -), required",
          "  --since WINDOW      how far back to search: 90s, 15m, 12h, 30d, 2w (default 30d, max 365d)",
          "  --limit N           at most N traces (default 20, max 1000); a note says when it is reached",
          "  --tempo URL, --header 'N: v', --json, --ascii, --unicode: see 'ordertrace --help'",
          "",
          "Exit codes: 0 traces found, 1 none found, 2 Tempo unreachable or failed, 64 bad usage.",
          "");

  static final String SHOW =
      String.join(
          "\n",
          "Usage: ordertrace show <trace-id> [--width N] [--tempo URL] [--json]",
          "",
          "Prints the latency waterfall of one trace: one line per span, parents before children,",
          "siblings by start time, a bar on the trace's time axis, the duration, and errors marked.",
          "Spans whose parent has not arrived are shown at the top level, marked.",
          "",
          "  <trace-id>          up to 32 hex digits",
          "  --width N           bar width in characters (default "
              + WaterfallRenderer.DEFAULT_WIDTH
              + ", 10-400)",
          "  --tempo URL, --header 'N: v', --json, --ascii, --unicode: see 'ordertrace --help'",
          "",
          "Exit codes: 0 shown, 1 no such trace, 2 Tempo unreachable or failed, 64 bad usage.",
          "");

  private Usage() {}
}
