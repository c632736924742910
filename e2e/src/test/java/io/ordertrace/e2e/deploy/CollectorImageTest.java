/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * collector-config/Dockerfile, the image of our distribution that deploy/compose.yaml builds. No
 * Docker engine runs here, so the file is held to what can be checked: its base images are the pins
 * of tools/versions.env, its Go is new enough for our processor, the binary comes from the one
 * pinned build path (tools/otel-binaries.sh) with checksum verification on, it runs as a non-root
 * user, and the build context (/.dockerignore) sends exactly what it copies.
 */
class CollectorImageTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Path DOCKERFILE = ROOT.resolve("collector-config/Dockerfile");

  /** Instructions of the Dockerfile: continuation lines joined, comments and blank lines cut. */
  private static List<String> instructions() throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      out.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return out;
  }

  private static List<String> instructions(String keyword) throws IOException {
    return instructions().stream().filter(i -> i.startsWith(keyword + " ")).toList();
  }

  private static Map<String, String> pins() throws IOException {
    return VersionPins.read(ROOT);
  }

  @Test
  void theBaseImagesAreThePinsOfVersionsEnv() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String arg : instructions("ARG")) {
      String[] nameValue = arg.substring("ARG ".length()).split("=", 2);
      defaults.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
    }

    assertThat(instructions("FROM"))
        .containsExactly("FROM ${GO_IMAGE} AS build", "FROM ${OTELCOL_RUNTIME_IMAGE}");
    for (String pin : List.of("GO_IMAGE", "OTELCOL_RUNTIME_IMAGE")) {
      assertThat(pins().get(pin))
          .as("%s in tools/versions.env", pin)
          .contains(":")
          .doesNotEndWith(":latest");
      assertThat(defaults.get(pin))
          .as("ARG %s of collector-config/Dockerfile against tools/versions.env", pin)
          .isEqualTo(pins().get(pin));
    }
    assertThat(pins().get("GO_IMAGE")).startsWith("golang:");
  }

  @Test
  void theBuildersGoIsAtLeastWhatOurProcessorsGoModNeeds() throws IOException {
    Matcher image =
        Pattern.compile("golang:(\\d+(?:\\.\\d+){1,2})-").matcher(pins().get("GO_IMAGE"));
    assertThat(image.find()).as("GO_IMAGE %s names a Go version", pins().get("GO_IMAGE")).isTrue();
    List<Integer> builder = version(image.group(1));

    List<Path> goMods;
    try (Stream<Path> files = Files.walk(ROOT.resolve("collector-config/processor"))) {
      goMods = files.filter(p -> p.getFileName().toString().equals("go.mod")).toList();
    }
    assertThat(goMods).isNotEmpty();
    Pattern goLine = Pattern.compile("(?m)^go (\\d+(?:\\.\\d+){1,2})\\s*$");
    for (Path goMod : goMods) {
      Matcher needs = goLine.matcher(Files.readString(goMod));
      assertThat(needs.find()).as("%s has a go line", goMod).isTrue();
      assertThat(compare(builder, version(needs.group(1))))
          .as("Go %s of GO_IMAGE against `go %s` of %s", image.group(1), needs.group(1), goMod)
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void theBinaryComesFromThePinnedScriptWithChecksumVerificationOn() throws IOException {
    assertThat(instructions("RUN"))
        .anyMatch(run -> run.startsWith("RUN tools/otel-binaries.sh --build --only collector "));
    assertThat(instructions("ENV")).anyMatch(env -> env.contains("GOSUMDB=sum.golang.org"));
    String all = String.join("\n", instructions());
    // any GOSUMDB setting other than the public checksum database (off, a mirror, ...) weakens it
    assertThat(Pattern.compile("GOSUMDB=(\\S*)").matcher(all).results().map(m -> m.group(1)))
        .as("every GOSUMDB setting in collector-config/Dockerfile")
        .containsOnly("sum.golang.org");
    for (String weakening :
        List.of("GONOSUMDB", "GONOSUMCHECK", "GOINSECURE", "GOPRIVATE", "GOFLAGS")) {
      assertThat(all)
          .as("collector-config/Dockerfile sets %s", weakening)
          .doesNotContain(weakening);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void itRunsTheBinaryAsANonRootUserWithTheQueueWhereComposeMountsIt() throws IOException {
    List<String> users = instructions("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length());
    assertThat(user.split(":", 2)[0]).isNotIn("root", "0");
    assertThat(instructions("ENTRYPOINT"))
        .containsExactly("ENTRYPOINT [\"/usr/local/bin/otelcol-ordertrace\"]");
    assertThat(instructions("CMD")).containsExactly("CMD [\"--config=/etc/otelcol/otelcol.yaml\"]");

    Map<String, Object> compose =
        new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve("deploy/compose.yaml")));
    Map<String, Object> collector =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("collector");
    String queue =
        String.valueOf(
            ((Map<String, Object>) collector.get("environment")).get("OTELCOL_STORAGE_DIR"));
    // a new named volume takes the owner of the image's directory: the non-root user's
    assertThat(instructions("RUN"))
        .anyMatch(run -> run.contains("install -d -o otelcol -g otelcol") && run.contains(queue));
    assertThat((List<String>) collector.get("volumes")).contains("collector-queue:" + queue);
  }

  @Test
  void theBuildContextSendsExactlyWhatTheDockerfileCopies() throws IOException {
    List<String> ignore =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    Set<String> reIncluded = new LinkedHashSet<>();
    ignore.stream().filter(l -> l.startsWith("!")).forEach(l -> reIncluded.add(l.substring(1)));

    Set<String> copied = new LinkedHashSet<>();
    for (String copy : instructions("COPY")) {
      List<String> words = List.of(copy.split(" ", -1));
      if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
        continue;
      }
      copied.addAll(words.subList(1, words.size() - 1)); // sources; the last word is the target
    }

    assertThat(ignore).as(".dockerignore is an allowlist").first().isEqualTo("*");
    assertThat(reIncluded).containsExactlyInAnyOrderElementsOf(copied);
    for (String source : copied) {
      assertThat(ROOT.resolve(source)).as("COPY %s", source).exists();
    }
  }

  private static List<Integer> version(String text) {
    List<Integer> parts = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      parts.add(Integer.parseInt(part));
    }
    return parts;
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int x = i < a.size() ? a.get(i) : 0;
      int y = i < b.size() ? b.get(i) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }
}
