package io.ordertrace.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code ordertrace}: the entry point. Maps every failure to a message and an exit code. */
public final class Main {

  private Main() {}

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

  /** Runs the tool; returns the exit code. Never throws and never prints a stack trace. */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    if (args.length == 0) {
      err.print(Usage.TOOL);
      return ExitCodes.USAGE;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (command.equals("-h") || command.equals("--help") || command.equals("help")) {
      out.print(Usage.TOOL);
      return ExitCodes.OK;
    }
    String usage;
    if (command.equals("find")) {
      usage = Usage.FIND;
    } else if (command.equals("show")) {
      usage = Usage.SHOW;
    } else {
      err.println("ordertrace: unknown command '" + command + "'");
      err.println();
      err.print(Usage.TOOL);
      return ExitCodes.USAGE;
    }
    if (rest.contains("-h") || rest.contains("--help")) {
      out.print(usage);
      return ExitCodes.OK;
    }
    try {
      if (command.equals("find")) {
        FindCommand.Options options = FindCommand.parse(rest, env);
        return FindCommand.run(options, client(options.tempo()), clock, out, err);
      }
      ShowCommand.Options options = ShowCommand.parse(rest, env);
      return ShowCommand.run(options, client(options.tempo()), out, err);
    } catch (UsageException e) {
      err.println("ordertrace: " + e.getMessage());
      err.println();
      err.print(usage);
      return ExitCodes.USAGE;
    } catch (TempoException e) {
      err.println("ordertrace: " + e.getMessage());
      return ExitCodes.TEMPO_FAILED;
    } catch (RuntimeException e) {
      err.println("ordertrace: internal error: " + e);
      if (env.containsKey("ORDERTRACE_DEBUG")) {
        e.printStackTrace(err);
      }
      return ExitCodes.INTERNAL;
    }
  }

  private static TempoClient client(TempoOptions options) {
    return new TempoClient(options.url(), options.headers());
  }
}
