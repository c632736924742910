package io.ordertrace.extension.it;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A test application in its own JVM, optionally with the one-jar agent attached. */
final class AppProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private AppProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static AppProcess start(String name, Class<?> mainClass, List<String> jvmArgs, String... args)
      throws IOException {
    Path dir = Path.of("target", "it-logs");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(applicationClasspath());
    command.add(mainClass.getName());
    command.addAll(Arrays.asList(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new AppProcess(name, process, log);
  }

  /** Test classes and the libraries the apps use; not the OpenTelemetry SDK the tests use. */
  private static String applicationClasspath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      String normalized = entry.replace('\\', '/');
      if (normalized.endsWith("/test-classes")
          || normalized.contains("/tomcat-embed")
          || normalized.contains("/tomcat-annotations")
          || normalized.contains("/io/netty/")
          || normalized.contains("/logback")
          || normalized.contains("/slf4j")
          || normalized.contains("/com/rabbitmq/")
          || normalized.contains("/org/springframework/")
          || normalized.contains("/io/micrometer/")) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until {@code url} answers any HTTP status, failing with the app's log otherwise. */
  AppProcess awaitHttp(String url, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited early:\n" + output());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        connection.getResponseCode();
        connection.disconnect();
        return this;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw failedToStart("did not answer " + url + " within " + timeout);
  }

  /** Waits until the app prints {@code marker}, failing with its log otherwise. */
  AppProcess awaitOutput(String marker, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(marker)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited early:\n" + output());
      }
      Thread.sleep(200);
    }
    throw failedToStart("did not print '" + marker + "' within " + timeout);
  }

  /** A process that never became ready is stopped here: the caller may not have kept it. */
  private AssertionError failedToStart(String what) throws IOException {
    process.destroyForcibly();
    return new AssertionError(name + " " + what + ":\n" + output());
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
