/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordertrace.store.StoreException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code ordertrace}: the entry point. Maps every failure to one line and an exit code. */
// INHERIT: find and show get -h/--help, -V/--version and the option order from here
@Command(
    name = "ordertrace",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = Main.VERSION,
    sortOptions = false,
    description =
        "Find every trace of an order in the Jaeger store (or the S3 archive), the order's journey,"
            + " and a trace's latency waterfall. 'ordertrace COMMAND --help' describes a command.",
    footer = {
      "",
      "Exit codes: 0 found, 1 not found, 2 store unreachable, 3 store error, 64 bad usage,"
          + " 65 bad order or trace id, 66 bad time window, 70 internal error (tools/cli/README.md)."
    })
public final class Main implements Runnable {

  static final String VERSION = "ordertrace 0.1.0";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  private final Context context;

  private Main(Context context) {
    this.context = context;
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the tool with the process environment; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv(), Clock.systemUTC());
  }

  /** The command with its subcommands (which inherit the help and version options). */
  static CommandLine commandLine(Context context) {
    CommandLine commandLine = new CommandLine(new Main(context));
    commandLine.addSubcommand(new CommandLine(new FindCommand(context)));
    commandLine.addSubcommand(new CommandLine(new ShowCommand(context)));
    return commandLine;
  }

  /** Runs the tool; returns the exit code. Never throws and never prints a stack trace. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    Context context = new Context(out, err, env, clock);
    CommandLine commandLine = commandLine(context);
    // UTF-8 like the PrintStreams main() makes; the platform charset (ASCII under LANG=C) would
    // turn picocli's help and usage errors with non-ASCII text into '?'
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("ordertrace: " + WaterfallRenderer.oneLine(String.valueOf(e.getMessage())));
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> failure(e, context));
    try {
      return commandLine.execute(args);
    } catch (RuntimeException e) {
      return failure(e, context);
    }
  }

  /** No command: the usage, on stderr, as a usage error. */
  @Override
  public void run() {
    spec.commandLine().usage(context.err());
    throw new CliException(ExitCodes.USAGE, "a command is required: find or show");
  }

  private static int failure(Exception e, Context context) {
    PrintStream err = context.err();
    if (e instanceof CliException cli) {
      err.println("ordertrace: " + cli.getMessage());
      return cli.exitCode();
    }
    if (e instanceof StoreException store) {
      if (store.kind() == StoreException.Kind.UNREACHABLE) {
        err.println(
            "ordertrace: "
                + store.getMessage()
                + ". Is it running? Set --store or "
                + StoreOptions.URL_ENV
                + ".");
        return ExitCodes.STORE_UNREACHABLE;
      }
      err.println("ordertrace: " + store.getMessage());
      return ExitCodes.STORE_ERROR;
    }
    err.println("ordertrace: internal error: " + WaterfallRenderer.oneLine(String.valueOf(e)));
    if (context.env().containsKey("ORDERTRACE_DEBUG")) {
      e.printStackTrace(err);
    }
    return ExitCodes.INTERNAL;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
