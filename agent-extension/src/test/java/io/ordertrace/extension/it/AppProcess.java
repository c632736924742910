/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import io.ordertrace.testing.ManagedProcess;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command of a test application in its own JVM, optionally with the one-jar agent attached
 * ({@code jvmArgs}); test-support's {@link ManagedProcess} starts, probes and stops it. Its output
 * goes to {@code target/it-logs/<name>.log}.
 */
final class AppProcess {

  static ManagedProcess.Builder java(
      String name, Class<?> mainClass, List<String> jvmArgs, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(applicationClasspath());
    command.add(mainClass.getName());
    command.addAll(Arrays.asList(args));
    return ManagedProcess.builder(name, command)
        .log(Path.of("target", "it-logs", name + ".log").toAbsolutePath());
  }

  /**
   * The {@code processors} of a declarative-configuration provider: one batch processor (200 ms)
   * exporting OTLP/HTTP to {@code endpoint}.
   */
  static String batchOtlpHttp(String endpoint) {
    return "  processors:\n"
        + "    - batch:\n"
        + "        schedule_delay: 200\n"
        + "        exporter:\n"
        + "          otlp_http:\n"
        + "            endpoint: "
        + endpoint
        + "\n";
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

  private AppProcess() {}
}
