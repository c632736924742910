/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the docs point at exists: files they link, tests they name, nothing outside the repository.
 */
class DocReferencesTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  // `SomeTest#method`, `#method` after one, and `SomeIT.method` (a test class, then a lower-case
  // name)
  private static final Pattern TEST_REF =
      Pattern.compile(
          "`(?:[\\w./-]*/)?(?:([A-Z]\\w*)?#|([A-Z]\\w*(?:Test|IT))\\.)([a-z]\\w*)`"
              + "|`(?:[\\w./-]*/)?([A-Z]\\w*(?:Test|IT))`");

  @Test
  void noDocPointsOutsideTheRepository() {
    assertThat(Docs.allLines())
        .filteredOn(l -> l.text().contains("/work/") || l.text().contains("../shared/"))
        .as("paths of the machine the docs were written on")
        .isEmpty();
  }

  @Test
  void relativeLinksResolve() {
    List<String> broken = new ArrayList<>();
    for (Docs.Line line : Docs.allLines()) {
      Matcher m = LINK.matcher(line.text());
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue;
        }
        String path = target.replaceAll("#.*$", "");
        if (!Files.exists(Docs.ROOT.resolve(line.doc()).getParent().resolve(path))) {
          broken.add(line.doc() + ":" + line.number() + " " + target);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /**
   * `SomeTest#method` (and a following `#other` in the same paragraph) names a method that exists.
   */
  @Test
  void testMethodsNamedInTheDocsExist() throws IOException {
    Map<String, List<Path>> sources = sources();
    List<String> missing = new ArrayList<>();
    for (String doc : Docs.markdownFiles()) {
      List<String> lines = Docs.lines(doc);
      String current = null;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          current = null;
        }
        Matcher m = TEST_REF.matcher(lines.get(i));
        while (m.find()) {
          if (m.group(4) != null) { // a test class alone: the '#method's after it are its own
            current = m.group(4);
            continue;
          }
          String type = m.group(1) != null ? m.group(1) : m.group(2);
          current = type != null ? type : current;
          if (current == null) {
            missing.add(doc + ":" + (i + 1) + " #" + m.group(3) + " (no class before it)");
          } else if (!declares(sources, current, m.group(3))) {
            missing.add(doc + ":" + (i + 1) + " " + current + "#" + m.group(3));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  private static boolean declares(Map<String, List<Path>> sources, String type, String method)
      throws IOException {
    for (Path file : sources.getOrDefault(type, List.of())) {
      String text = Files.readString(file);
      if (Pattern.compile("\\b" + Pattern.quote(method) + "\\b").matcher(text).find()) {
        return true;
      }
      Matcher parent = Pattern.compile("\\bextends\\s+(\\w+)").matcher(text);
      if (parent.find()
          && !parent.group(1).equals(type)
          && declares(sources, parent.group(1), method)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, List<Path>> sources() throws IOException {
    Map<String, List<Path>> byName = new HashMap<>();
    try (Stream<Path> files = Files.walk(Docs.ROOT)) {
      files
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".go"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .forEach(
              p ->
                  byName
                      .computeIfAbsent(
                          p.getFileName().toString().replaceAll("\\.(java|go)$", ""),
                          k -> new ArrayList<>())
                      .add(p));
    }
    return byName;
  }
}
