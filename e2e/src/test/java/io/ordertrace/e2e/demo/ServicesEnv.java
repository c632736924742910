/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code deploy/local/services.env}, the one description of the demo services that the shell
 * scripts use too. Same rules as {@code deploy/local/lib.sh}: {@code KEY=value} lines, whole-line
 * comments, {@code ${KEY}} refers to a key defined above, overrides win.
 */
public final class ServicesEnv {
  private static final Pattern LINE = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");
  private static final Pattern REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

  private final List<String[]> entries;

  private ServicesEnv(List<String[]> entries) {
    this.entries = entries;
  }

  public static ServicesEnv load(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (the demo's service description)", e);
    }
  }

  static ServicesEnv parse(List<String> lines) {
    List<String[]> entries = new ArrayList<>();
    for (String line : lines) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("services.env: cannot parse line: " + line);
      }
      entries.add(new String[] {m.group(1), m.group(2)});
    }
    return new ServicesEnv(entries);
  }

  /** Resolves every key: an override (used verbatim) wins over the file's value (expanded). */
  public Map<String, String> resolve(Map<String, String> overrides) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] e : entries) {
      String key = e[0];
      if (overrides.containsKey(key)) {
        out.put(key, overrides.get(key));
        continue;
      }
      Matcher m = REF.matcher(e[1]);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(out.getOrDefault(m.group(1), "")));
      }
      m.appendTail(b);
      out.put(key, b.toString());
    }
    overrides.forEach(out::putIfAbsent);
    return out;
  }

  /** Service names, in start order. */
  public List<String> services(Map<String, String> resolved) {
    return Arrays.asList(resolved.getOrDefault("DEMO_SERVICES", "").trim().split("\\s+"));
  }

  /** crm-api -> CRM_API */
  public static String id(String service) {
    return service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
