/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ordertrace.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shell command written in the docs is run from the checkout by a test or by CI, or the doc
 * says it is not: docs/doc-commands.tsv maps each one to what runs it, and a command added to a doc
 * without a row fails here. The cheap ones ("run") are run by this test itself.
 */
class DocCommandsTest {

  private static final Path MANIFEST = Docs.ROOT.resolve("docs/doc-commands.tsv");
  private static final Set<String> KINDS = Set.of("run", "ci", "equivalent", "manual");

  record Row(String doc, String command, String kind, String checker, String note) {
    String key() {
      return doc + "\t" + command;
    }

    @Override
    public String toString() {
      return doc + ": " + command;
    }
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(MANIFEST)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      assertThat(f).as("5 tab-separated columns in docs/doc-commands.tsv: %s", line).hasSize(5);
      rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
    }
    return rows;
  }

  @Test
  void everyCommandInTheDocsIsListedWithWhatRunsIt() throws IOException {
    Set<String> listed = rows().stream().map(Row::key).collect(Collectors.toSet());
    List<String> missing =
        Docs.commands().stream()
            .filter(c -> !listed.contains(c.doc() + "\t" + c.text()))
            .map(c -> c.doc() + "\t" + c.text() + "\tKIND\tCHECKER\tNOTE")
            .distinct()
            .toList();
    assertThat(missing)
        .as(
            "commands in the docs without a row in docs/doc-commands.tsv; add these rows with KIND"
                + " run, ci, equivalent or manual, the CHECKER (a test class or a repository file)"
                + " and a NOTE:%n%s",
            String.join("\n", missing))
        .isEmpty();
  }

  @Test
  void everyListedCommandIsStillInItsDoc() throws IOException {
    Set<String> inDocs =
        Docs.commands().stream().map(c -> c.doc() + "\t" + c.text()).collect(Collectors.toSet());
    assertThat(rows())
        .filteredOn(r -> !inDocs.contains(r.key()))
        .as("stale rows of docs/doc-commands.tsv")
        .isEmpty();
  }

  @Test
  void everyRowNamesAKindAndACheckerThatExists() throws IOException {
    Set<String> classes = javaClassNames();
    for (Row row : rows()) {
      assertThat(KINDS).as("kind of %s", row).contains(row.kind());
      boolean exists =
          Files.exists(Docs.ROOT.resolve(row.checker())) || classes.contains(row.checker());
      assertThat(exists)
          .as(
              "checker '%s' of %s is neither a file of the repository nor a test class",
              row.checker(), row)
          .isTrue();
    }
  }

  /**
   * A clean clone has no SNAPSHOT jars installed: -pl alone cannot resolve the module's siblings.
   */
  @Test
  void mavenCommandsThatSelectModulesAlsoMakeTheirDependencies() {
    for (Docs.Command c : Docs.commands()) {
      List<String> words = List.of(c.text().split(" ", -1));
      int pl = words.indexOf("-pl");
      if (!c.text().startsWith("./mvnw") || pl < 0) {
        continue;
      }
      assertThat(words).as("%s:%d %s", c.doc(), c.line(), c.text()).contains("-am");
      for (String module : words.get(pl + 1).split(",", -1)) {
        assertThat(Docs.ROOT.resolve(module).resolve("pom.xml"))
            .as("module of %s:%d", c.doc(), c.line())
            .exists();
      }
    }
  }

  /** What is never run must say so where it is written. */
  @Test
  void commandsNeverRunAreMarkedSoInTheirDoc() throws IOException {
    Set<String> manual =
        rows().stream()
            .filter(r -> r.kind().equals("manual"))
            .map(Row::key)
            .collect(Collectors.toSet());
    List<String> unmarked = new ArrayList<>();
    for (Docs.Command c : Docs.commands()) {
      if (!manual.contains(c.doc() + "\t" + c.text())) {
        continue;
      }
      List<String> lines = Docs.lines(c.doc());
      String around =
          String.join(
              "\n",
              lines.subList(
                  Math.max(0, c.blockStart() - 8), Math.min(lines.size(), c.blockEnd() + 4)));
      if (!around.toLowerCase(Locale.ROOT).contains("not run")) {
        unmarked.add(c.doc() + ":" + c.line() + " " + c.text());
      }
    }
    assertThat(unmarked)
        .as("manual commands whose block does not say 'not run' (near it)")
        .isEmpty();
  }

  static Stream<Row> runnable() throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    return rows().stream().filter(r -> r.kind().equals("run")).filter(r -> seen.add(r.command()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runnable")
  void cheapCommandsRunFromTheCheckout(Row row) throws Exception {
    boolean needsBinaries =
        row.command().contains("OTELCOL")
            || row.command().contains("otel-binaries.sh --only")
            || row.command().contains("otel-binaries.sh --check")
            || row.command().contains("otel-binaries.sh --print-paths");
    if (needsBinaries) {
      assumeThat(run("tools/otel-binaries.sh --print-paths >/dev/null 2>&1").exit())
          .as("the collector and Jaeger are built (test.sh builds them before Maven runs)")
          .isZero();
    }
    String preamble =
        row.command().contains("OTELCOL") && !row.command().contains("read -r")
            ? "{ read -r OTELCOL; read -r JAEGER; } < <(tools/otel-binaries.sh --print-paths)\n"
            : "";
    Result r = run(preamble + row.command());
    assertThat(r.exit()).as("%s\n%s", row, r.output()).isZero();
  }

  record Result(int exit, String output) {}

  /**
   * As a reader's shell would: errexit and pipefail, but no nounset (CATALINA_OPTS may be unset).
   */
  private static Result run(String script) {
    try {
      Command.Result r =
          Command.builder(List.of("bash", "-c", "set -eo pipefail\n" + script))
              .directory(Docs.ROOT)
              .errorToOutput()
              .timeout(Duration.ofMinutes(2))
              .run();
      return new Result(r.exitCode(), r.output());
    } catch (IllegalStateException timedOut) {
      return new Result(-1, timedOut.getMessage());
    }
  }

  private static Set<String> javaClassNames() throws IOException {
    try (Stream<Path> files = Files.walk(Docs.ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/"))
          .map(p -> p.getFileName().toString().replace(".java", ""))
          .collect(Collectors.toSet());
    }
  }
}
