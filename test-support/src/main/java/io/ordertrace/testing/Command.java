/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A short command run once to completion (a script under test, {@code openssl}, {@code git status},
 * {@code tools/otel-binaries.sh --print-paths}): its exit code, stdout and stderr. Stdin is {@code
 * /dev/null}; output goes to temporary files, so a chatty command never blocks on a full pipe. A
 * command that does not finish in time is killed with its child processes and the error carries
 * what it printed. Long-running processes are {@link ManagedProcess}es instead.
 *
 * <pre>{@code
 * Command.Result r = Command.run(List.of("bash", script, "--help"), Duration.ofSeconds(60));
 * assertThat(r.exitCode()).as(r.output()).isZero();
 * }</pre>
 */
public final class Command {

  /** What a command printed and how it ended. */
  public record Result(List<String> command, int exitCode, String out, String err) {

    /** stdout, then stderr (all of it in stdout's order with {@link Builder#errorToOutput()}). */
    public String output() {
      return out + err;
    }

    /** The lines of stdout. */
    public List<String> outLines() {
      return out.lines().toList();
    }

    /** This result when the exit code is 0; else an error with the command and all its output. */
    public Result orThrow() {
      if (exitCode != 0) {
        throw new IllegalStateException(command + " exited " + exitCode + ":\n" + output());
      }
      return this;
    }

    @Override
    public String toString() {
      return command + " exited " + exitCode + ":\n" + output();
    }
  }

  /**
   * Runs {@code command} in the test JVM's directory and environment, for at most {@code timeout}.
   */
  public static Result run(List<String> command, Duration timeout) {
    return builder(command).timeout(timeout).run();
  }

  /** A command to configure (environment, directory, timeout) before {@link Builder#run()}. */
  public static Builder builder(List<String> command) {
    return new Builder(command);
  }

  /** Where, with what environment and for how long a command runs. */
  public static final class Builder {
    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Predicate<String> removeEnv = name -> false;
    private Path directory;
    private boolean errorToOutput;
    private Duration timeout = Duration.ofSeconds(60);

    private Builder(List<String> command) {
      if (command.isEmpty()) {
        throw new IllegalArgumentException("empty command");
      }
      this.command = List.copyOf(command);
    }

    /** An environment variable on top of the test JVM's; {@code null} removes an inherited one. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /**
     * Environment variables on top of the test JVM's; {@code null} values remove inherited ones.
     */
    public Builder env(Map<String, String> variables) {
      env.putAll(variables);
      return this;
    }

    /**
     * Drops inherited variables whose names match (e.g. {@code GATEWAY_*}) before {@link #env} is
     * applied.
     */
    public Builder removeInheritedEnv(Predicate<String> names) {
      removeEnv = names;
      return this;
    }

    /** The working directory (default: the test JVM's). */
    public Builder directory(Path dir) {
      directory = dir;
      return this;
    }

    /** stderr into stdout, interleaved as printed ({@link Result#err()} is then empty). */
    public Builder errorToOutput() {
      errorToOutput = true;
      return this;
    }

    /** How long it may run (default 60 s). */
    public Builder timeout(Duration limit) {
      timeout = limit;
      return this;
    }

    /**
     * Runs the command to completion; a command that cannot start or does not end in time is an
     * error.
     */
    public Result run() {
      Path out = null;
      Path err = null;
      try {
        out = Files.createTempFile("ordertrace-command", ".out");
        err = Files.createTempFile("ordertrace-command", ".err");
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile());
        if (errorToOutput) {
          builder.redirectErrorStream(true);
        } else {
          builder.redirectError(err.toFile());
        }
        if (directory != null) {
          builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(removeEnv);
        env.forEach(
            (key, value) -> {
              if (value == null) {
                builder.environment().remove(key);
              } else {
                builder.environment().put(key, value);
              }
            });
        Process process = builder.start();
        if (!ManagedProcess.waitFor(process, timeout)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          ManagedProcess.waitFor(process, Duration.ofSeconds(10));
          throw new IllegalStateException(
              command
                  + " did not finish within "
                  + timeout
                  + ". Output so far:\n"
                  + read(out)
                  + read(err));
        }
        return new Result(command, process.exitValue(), read(out), read(err));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + command, e);
      } finally {
        delete(out);
        delete(err);
      }
    }
  }

  private static String read(Path file) throws IOException {
    return new String(
        Files.readAllBytes(file), StandardCharsets.UTF_8); // malformed bytes replaced, not fatal
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans up
      }
    }
  }

  private Command() {}
}
