/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.ordertrace.extension.config.PropertySource;
import io.ordertrace.extension.config.RedactionSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Loads the PII corpus fixtures that live next to the tests. */
final class PiiCorpus {

  /** The corpus runs with one extra pattern, so the extra-pattern path is covered too. */
  static Redactor redactor() {
    RedactionSettings settings =
        RedactionSettings.parse(
            PropertySource.of(
                Collections.singletonMap(
                    RedactionSettings.EXTRA_PATTERNS, "inn=(?<![\\w-])[0-9]{12}(?![\\w-])")),
            (property, value, reason) -> {
              throw new AssertionError(property + " " + value + " " + reason);
            });
    return Redactor.create(settings);
  }

  record Positive(int line, List<String> markerClasses, String text, List<String> pii) {
    @Override
    public String toString() {
      return "line " + line + ": " + text;
    }
  }

  static List<Positive> positives() {
    List<Positive> cases = new ArrayList<>();
    List<String> lines = lines("pii-positive.tsv");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t");
      if (columns.length < 3) {
        throw new IllegalStateException("pii-positive.tsv:" + (i + 1) + " needs 3 columns");
      }
      cases.add(
          new Positive(
              i + 1,
              Arrays.asList(columns[0].split(",")),
              unescape(columns[1]),
              Arrays.asList(columns).subList(2, columns.length)));
    }
    return cases;
  }

  static List<String> negatives() {
    List<String> cases = new ArrayList<>();
    for (String line : lines("pii-negative.txt")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        cases.add(unescape(line));
      }
    }
    return cases;
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n").replace("\\t", "\t");
  }

  private static List<String> lines(String resource) {
    try (InputStream in = PiiCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PiiCorpus() {}
}
