/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** What the report says about the machine, from /proc (Linux). */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = firstValue(Paths.get("/proc/cpuinfo"), "model name");
    String memory = firstValue(Paths.get("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
    String gib =
        memory.isEmpty() ? "unknown" : Math.round(Long.parseLong(memory) / 1048576.0) + " GiB";
    return Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpu
        + "), "
        + gib
        + " RAM, Java "
        + System.getProperty("java.version")
        + ", load "
        + loadAverage()
        + " at the start";
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Paths.get("/proc/loadavg")).split(" ", -1);
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static long rssMiB(long pid) {
    String rss = firstValue(Paths.get("/proc/" + pid + "/status"), "VmRSS");
    try {
      return Long.parseLong(rss.replaceAll("[^0-9]", "")) / 1024;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code du -sk}: blocks really used, not the length of sparse or preallocated files. */
  static long diskUsageKiB(Path dir) {
    try {
      Process du =
          new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      du.waitFor();
      return Long.parseLong(out.split("\\s+", -1)[0]);
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // reported as unknown
    }
    return "unknown";
  }
}
