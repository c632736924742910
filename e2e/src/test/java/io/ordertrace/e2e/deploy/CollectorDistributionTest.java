/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ordertrace.testing.CollectorProcess;
import io.ordertrace.testing.Command;
import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every collector configuration of this repository runs on our distribution (otelcol-ordertrace)
 * wherever it is deployed: natively, in deploy/compose.yaml (collector-config/Dockerfile builds the
 * same manifest), in the benchmark. So every receiver, processor, exporter, connector and extension
 * a configuration names must be a component of collector-config/builder-config.yaml; an upstream
 * image lacks at least our own {@code scrub} processor (S5), which is what ComposeBundleTest holds
 * the Compose bundle to.
 */
class CollectorDistributionTest {

  private static final Path ROOT = RepositoryRoot.find();

  /** collector-config/*.yaml (but the manifest) and the benchmark's configurations. */
  static Stream<String> configurations() throws IOException {
    List<String> files = new ArrayList<>();
    for (String dir : List.of("collector-config", "collector-config/bench")) {
      try (Stream<Path> listing = Files.list(ROOT.resolve(dir))) {
        listing
            .filter(p -> p.getFileName().toString().endsWith(".yaml"))
            .filter(p -> !p.getFileName().toString().equals("builder-config.yaml"))
            .map(p -> ROOT.relativize(p).toString())
            .sorted()
            .forEach(files::add);
      }
    }
    assertThat(files).contains("collector-config/otelcol.yaml");
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void everyComponentAConfigurationNamesIsBuiltIntoOurDistribution(String file) throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve(file)));

    assertThat(CollectorDistribution.read(ROOT).missingFrom(config))
        .as(
            "%s names components that collector-config/builder-config.yaml does not build (add"
                + " their modules to the manifest, or use components it has)",
            file)
        .isEmpty();
  }

  @Test
  void aComponentOutsideTheManifestIsReportedAndOurOwnAreKnownAsOurs() throws IOException {
    Map<String, Object> config =
        new Yaml()
            .load(
                """
                receivers: {otlp: {}, otlp/second: {}}
                processors: {scrub: {}, memory_limiter: {}, nonesuch/x: {}, nonesuch/y: {}}
                exporters: {otlp_grpc/jaeger: {}, kafka: {}}
                """);
    CollectorDistribution distribution = CollectorDistribution.read(ROOT);

    assertThat(distribution.missingFrom(config))
        .containsExactly("processor nonesuch", "exporter kafka");
    assertThat(distribution.ownUsedBy(config)).containsExactly("processor scrub");
  }

  @Test
  void theScrubProcessorIsOurOwnModuleBuiltFromThisRepository() throws IOException {
    assertThat(CollectorDistribution.read(ROOT).components())
        .filteredOn(CollectorDistribution.Component::own)
        .containsExactly(
            new CollectorDistribution.Component(
                "processors",
                "scrub",
                "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor",
                true));
  }

  /**
   * The type table of CollectorDistribution is what the real binary registers, module by module.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theComponentTypesAreTheOnesTheBuiltBinaryRegisters() throws IOException {
    Path binary = null;
    try {
      binary = CollectorProcess.binary(ROOT);
    } catch (IllegalStateException notBuilt) {
      assumeThat(notBuilt.getMessage())
          .as("otelcol-ordertrace is built (test.sh does it)")
          .isNull();
    }
    Command.Result listing =
        Command.builder(List.of(binary.toString(), "components"))
            .timeout(Duration.ofSeconds(30))
            .run();
    assertThat(listing.exitCode()).as(listing.output()).isZero();
    Map<String, Object> components = new Yaml().load(listing.out());

    List<String> registered = new ArrayList<>();
    for (String kind : CollectorDistribution.KINDS) {
      for (Map<String, Object> c :
          (List<Map<String, Object>>) components.getOrDefault(kind, List.of())) {
        String module = String.valueOf(c.get("module")).split("\\s+", -1)[0];
        registered.add(kind + " " + c.get("name") + " " + module);
      }
    }
    assertThat(registered)
        .as("`%s components` against builder-config.yaml and CollectorDistribution", binary)
        .containsExactlyInAnyOrderElementsOf(
            CollectorDistribution.read(ROOT).components().stream()
                .map(c -> c.kind() + " " + c.type() + " " + c.module())
                .toList());
  }
}
