/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real process of a test (a collector, Jaeger, a demo service, an application with the agent):
 * started from a command and environment, its output appended to one log file, ready when a probe
 * says so (an HTTP URL, a log line, an open port), stopped with SIGTERM and a grace period, killed
 * with SIGKILL, restarted with the same command, ports and log. Every harness of the project starts
 * its processes through this class; waits use Awaitility.
 *
 * <pre>{@code
 * ManagedProcess jaeger = ManagedProcess.builder("jaeger", List.of(binary, "--config=" + config))
 *     .env("JAEGER_QUERY_HTTP_PORT", "16686").log(workDir.resolve("jaeger.log"))
 *     .readyWhenHttpOk("http://127.0.0.1:16686/api/services").start();
 * }</pre>
 */
public final class ManagedProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Predicate<String> removeEnv;
  private final Path directory;
  private final Path log;
  private final Path errorLog;
  private final String readyWhat;
  private final Callable<Boolean> ready;
  private final Duration readyTimeout;
  private final Duration stopGrace;
  private final Thread shutdownHook;
  private Process process;
  private boolean launched;

  private ManagedProcess(Builder b) {
    this.name = b.name;
    this.command = List.copyOf(b.command);
    this.env = Map.copyOf(b.env);
    this.removeEnv = b.removeEnv;
    this.directory = b.directory;
    this.log =
        b.log != null ? b.log : Path.of("target", "processes", b.name + ".log").toAbsolutePath();
    this.errorLog = b.errorLog;
    this.readyWhat = b.readyWhat;
    this.ready = b.ready;
    this.readyTimeout = b.readyTimeout;
    this.stopGrace = b.stopGrace;
    this.shutdownHook = new Thread(this::kill, "kill-" + b.name);
  }

  /**
   * A process named {@code name} (used in messages and the default log file) running {@code
   * command}.
   */
  public static Builder builder(String name, List<String> command) {
    return new Builder(name, command);
  }

  /** How a process is started and when it counts as ready. */
  public static final class Builder {
    private final String name;
    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Predicate<String> removeEnv = key -> false;
    private Path directory;
    private Path log;
    private Path errorLog;
    private String readyWhat = "started";
    private Callable<Boolean> ready = () -> true;
    private Duration readyTimeout = Duration.ofSeconds(90);
    private Duration stopGrace = Duration.ofSeconds(10);
    private ManagedProcess built;

    private Builder(String name, List<String> command) {
      if (command.isEmpty()) {
        throw new IllegalArgumentException(name + ": empty command");
      }
      this.name = name;
      this.command = new ArrayList<>(command);
    }

    /** An environment variable on top of the test JVM's environment. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Environment variables on top of the test JVM's environment. */
    public Builder env(Map<String, String> variables) {
      env.putAll(variables);
      return this;
    }

    /**
     * Drops inherited variables whose names match (e.g. {@code OTEL_*}) before {@link #env} is
     * applied.
     */
    public Builder removeInheritedEnv(Predicate<String> names) {
      this.removeEnv = names;
      return this;
    }

    /** The working directory (default: the test JVM's). */
    public Builder directory(Path dir) {
      this.directory = dir;
      return this;
    }

    /**
     * Where stdout and stderr go (default {@code target/processes/<name>.log}): emptied on the
     * first start, appended to on restarts.
     */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    /**
     * stderr to its own file instead of the log (emptied and appended to like the log), for tests
     * that tell the two streams apart; log probes and tails then read both files.
     */
    public Builder errorLog(Path file) {
      this.errorLog = file;
      return this;
    }

    /** Ready when a GET of {@code url} answers 200. */
    public Builder readyWhenHttpOk(String url) {
      return readyWhen("GET " + url + " answers 200", () -> httpStatus(url) == 200);
    }

    /**
     * Ready when {@code url} answers with any HTTP status (the server is listening and speaks
     * HTTP).
     */
    public Builder readyWhenHttpAnswers(String url) {
      return readyWhen("GET " + url + " answers", () -> httpStatus(url) > 0);
    }

    /** Ready when the process has written {@code marker} to its log (or its {@link #errorLog}). */
    public Builder readyWhenLogContains(String marker) {
      return readyWhen("its log shows '" + marker + "'", () -> built.logText().contains(marker));
    }

    /** Ready when 127.0.0.1:{@code port} accepts connections. */
    public Builder readyWhenPortOpen(int port) {
      return readyWhen("127.0.0.1:" + port + " accepts connections", () -> portOpen(port));
    }

    /** Ready when {@code check} returns true; {@code what} names it in the failure message. */
    public Builder readyWhen(String what, Callable<Boolean> check) {
      this.readyWhat = what;
      this.ready = check;
      return this;
    }

    /** How long {@link ManagedProcess#start()} waits for the probe (default 90 s). */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** How long {@link ManagedProcess#stop()} waits after SIGTERM before SIGKILL (default 10 s). */
    public Builder stopGrace(Duration grace) {
      this.stopGrace = grace;
      return this;
    }

    /** The process, not started yet. */
    public ManagedProcess build() {
      built = new ManagedProcess(this);
      return built;
    }

    /**
     * Starts the process and waits until it is ready; on failure it is killed and the log tail is
     * in the error.
     */
    public ManagedProcess start() {
      return build().start();
    }
  }

  /**
   * Starts the process (again, after {@link #stop()} or {@link #kill()}: same command, environment
   * and log) and waits until its probe says ready. A process that exits or does not become ready in
   * time is killed; the error carries the end of its log.
   */
  public ManagedProcess start() {
    launch();
    awaitReady();
    return this;
  }

  /** Starts the process without waiting; {@link #awaitReady()} waits. */
  public ManagedProcess launch() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      if (errorLog != null) {
        Files.createDirectories(errorLog.toAbsolutePath().getParent());
      }
      if (!launched) {
        Files.deleteIfExists(log); // a log of an earlier test run must not satisfy a log probe
        if (errorLog != null) {
          Files.deleteIfExists(errorLog);
        }
      }
      launched = true;
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (errorLog != null) {
        builder.redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
      } else {
        builder.redirectErrorStream(true);
      }
      if (directory != null) {
        Files.createDirectories(directory);
        builder.directory(directory.toFile());
      }
      builder.environment().keySet().removeIf(removeEnv);
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalArgumentException alreadyRegistered) {
      // a restart: the hook of the first start still covers it
    }
    return this;
  }

  /** Waits until the readiness probe holds; fails fast when the process exits first. */
  public ManagedProcess awaitReady() {
    try {
      Awaitility.await(name + " ready: " + readyWhat)
          .atMost(readyTimeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      name
                          + " exited with "
                          + process.exitValue()
                          + " before it was ready ("
                          + readyWhat
                          + "). Log "
                          + log
                          + ":\n"
                          + logTail(40));
                }
                return ready.call();
              });
    } catch (ConditionTimeoutException e) {
      kill();
      throw new IllegalStateException(
          name
              + " not ready within "
              + readyTimeout
              + " ("
              + readyWhat
              + "). Log "
              + log
              + ":\n"
              + logTail(40),
          e);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
    return this;
  }

  /** SIGTERM, then SIGKILL once the grace period has passed. */
  public void stop() {
    stop(stopGrace);
  }

  /**
   * SIGTERM, then SIGKILL once {@code grace} has passed; the same for processes it started (a
   * script's server child, e.g. {@code deploy/local/s3-test-server.sh}), so none is left behind.
   *
   * @return whether the process ended on SIGTERM within {@code grace} (true when it was not
   *     running), false when it had to be killed
   */
  public boolean stop(Duration grace) {
    if (process == null || !process.isAlive()) {
      return true;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    boolean ended = waitFor(process, grace);
    if (!ended) {
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(10));
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return ended;
  }

  /** {@code kill -9} (of its child processes too): no chance to flush anything. */
  public void kill() {
    if (process != null && process.isAlive()) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      waitFor(process, Duration.ofSeconds(10));
    }
  }

  /** {@link #stop()}, then {@link #start()}: same command, environment, ports and log. */
  public ManagedProcess restart() {
    stop();
    return start();
  }

  /** Whether the process is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating-system process id of the current run. */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  /** The name given to the builder. */
  public String name() {
    return name;
  }

  /** The log file (stdout and stderr of every run). */
  public Path log() {
    return log;
  }

  /** The stderr file given to {@link Builder#errorLog}, or null when stderr goes to the log. */
  public Path errorLog() {
    return errorLog;
  }

  /**
   * The whole log so far, then the whole {@link #errorLog()} if there is one; empty when there is
   * none.
   */
  public String logText() {
    return read(log) + (errorLog != null ? read(errorLog) : "");
  }

  /** The last {@code lines} lines of the log (and of the error log), for failure messages. */
  public String logTail(int lines) {
    return errorLog != null
        ? tail(log, lines) + "\n--- stderr (" + errorLog + "):\n" + tail(errorLog, lines)
        : tail(log, lines);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverStarted) {
      // nothing to remove, or the hook runs anyway
    }
  }

  @Override
  public String toString() {
    return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
  }

  // ------------------------------------------------------------------ shared helpers

  /** A port free on the loopback interface right now. */
  public static int freePort() {
    return freePorts(1)[0];
  }

  /** {@code count} distinct ports free on the loopback interface right now. */
  public static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // the port is free either way
          }
        }
      }
    }
  }

  /** The last {@code lines} lines of a file, for failure messages. */
  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The HTTP status of a GET, or -1 when nothing answers. */
  public static int httpStatus(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Whether 127.0.0.1:{@code port} accepts a connection within a second. */
  public static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
