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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml cannot be started here (no Docker engine), so it is held to what can be
 * checked: it parses, every file it mounts exists (for every value of the variables that choose the
 * trace store), every image is the version pinned in tools/versions.env, the variables it sets
 * exist in the configs it mounts, and the profiles: the default one is collector + Jaeger +
 * Prometheus + Grafana + gateway, "opensearch" adds OpenSearch, "tempo" (optional, never run by the
 * tests) adds Tempo and a developers-only Tempo datasource in the Engineering org. The collector is
 * our own distribution, built from collector-config/Dockerfile (CollectorImageTest), and has every
 * component the configuration it runs names.
 */
class ComposeBundleTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final Map<String, String> IMAGE_PIN =
      Map.ofEntries(
          Map.entry("rabbitmq", "RABBITMQ_IMAGE"),
          Map.entry("postgres", "POSTGRES_IMAGE"),
          Map.entry("jaeger", "JAEGER_IMAGE"),
          Map.entry("opensearch", "OPENSEARCH_IMAGE"),
          Map.entry("tempo", "TEMPO_IMAGE"),
          Map.entry("collector", "OTELCOL_IMAGE"),
          Map.entry("prometheus", "PROMETHEUS_IMAGE"),
          Map.entry("grafana", "GRAFANA_IMAGE"),
          Map.entry("gateway", "JAVA_IMAGE"),
          Map.entry("payment-stub", "JAVA_IMAGE"),
          Map.entry("file-store", "JAVA_IMAGE"),
          Map.entry("calculation-service", "JAVA_IMAGE"),
          Map.entry("crm-api", "JAVA_IMAGE"),
          Map.entry("mes-api", "JAVA_IMAGE"),
          Map.entry("shop-api", "JAVA_IMAGE"));

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static Map<String, String> pins() throws IOException {
    return VersionPins.read(ROOT);
  }

  static Stream<Arguments> servicesAndPins() {
    return IMAGE_PIN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} runs {1}")
  @MethodSource("servicesAndPins")
  void everyImageIsTheVersionTheTestsRun(String service, String pin) throws IOException {
    Map<String, Object> definition = services().get(service);
    assertThat(definition).as("service %s in compose.yaml", service).isNotNull();
    assertThat(pins()).containsKey(pin);
    assertThat(definition.get("image")).as(service).isEqualTo(pins().get(pin));
  }

  @Test
  void everyServiceIsPinnedAndCovered() throws IOException {
    assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(IMAGE_PIN.keySet());
    assertThat(services().values())
        .extracting(s -> String.valueOf(s.get("image")))
        .allSatisfy(image -> assertThat(image).contains(":").doesNotEndWith(":latest"));
  }

  /**
   * The collector runs OUR distribution, built from collector-config/Dockerfile (the manifest
   * collector-config/builder-config.yaml), because the configuration Compose gives it names
   * components no upstream image has: our {@code scrub} processor (S5). Every component it names is
   * one of the manifest's (CollectorDistribution).
   */
  @Test
  @SuppressWarnings("unchecked")
  void theCollectorIsOurDistributionBuiltFromTheDockerfileAndHasEveryComponentItsConfigNames()
      throws IOException {
    Map<String, Object> collector = services().get("collector");
    CollectorDistribution ours = CollectorDistribution.read(ROOT);
    List<String> configs = new java.util.ArrayList<>();
    List<String> needOurs = new java.util.ArrayList<>();
    List<String> missing = new java.util.ArrayList<>();
    for (String argument : (List<String>) collector.get("command")) {
      if (!argument.startsWith("--config=")) {
        continue;
      }
      String file = mountedFile(collector, argument.substring("--config=".length()));
      Map<String, Object> config = new Yaml().load(Files.readString(DEPLOY.resolve(file)));
      configs.add(file);
      needOurs.addAll(ours.ownUsedBy(config));
      missing.addAll(ours.missingFrom(config));
    }
    assertThat(configs).as("the collector's --config files").isNotEmpty();

    assertThat(collector.get("build"))
        .as(
            "compose.yaml's collector runs image %s without building our distribution; its"
                + " configuration %s needs %s, which only otelcol-ordertrace has: give the service"
                + " build: {context: .., dockerfile: collector-config/Dockerfile}",
            collector.get("image"), configs, needOurs)
        .isEqualTo(Map.of("context", "..", "dockerfile", "collector-config/Dockerfile"));
    assertThat(ROOT.resolve("collector-config/Dockerfile")).isRegularFile();
    // a local tag: built, never pulled (a registry could serve anything under that name)
    assertThat(collector).containsEntry("pull_policy", "never");
    assertThat(collector.get("image"))
        .isEqualTo("ordertrace/otelcol-ordertrace:" + pins().get("OTELCOL_VERSION"));
    assertThat(missing)
        .as("components %s names that collector-config/builder-config.yaml does not build", configs)
        .isEmpty();
  }

  /** The host file (relative to deploy/) that a service mounts at a path of its container. */
  @SuppressWarnings("unchecked")
  private static String mountedFile(Map<String, Object> service, String inContainer) {
    for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
      String[] parts = String.valueOf(volume).split(":", -1);
      if (parts.length >= 2 && parts[1].equals(inContainer)) {
        return parts[0];
      }
    }
    throw new AssertionError("nothing is mounted at " + inContainer + " in " + service);
  }

  /** The variables that choose the trace store, and every value the docs give them. */
  private static final Map<String, List<String>> STORE_CHOICES =
      Map.of(
          "ORDERTRACE_TRACE_STORE", List.of("jaeger", "tempo"),
          "ORDERTRACE_JAEGER_CONFIG", List.of("local", "opensearch"));

  private static final java.util.regex.Pattern DEFAULTED =
      java.util.regex.Pattern.compile("\\$\\{([A-Z_]+):-([^}]*)}");

  /**
   * Every expansion of {@code ${VAR:-default}} in a text over STORE_CHOICES (the default for other
   * variables).
   */
  static List<String> expansions(String text) {
    java.util.regex.Matcher m = DEFAULTED.matcher(text);
    if (!m.find()) {
      return List.of(text);
    }
    List<String> out = new java.util.ArrayList<>();
    for (String value : STORE_CHOICES.getOrDefault(m.group(1), List.of(m.group(2)))) {
      out.addAll(expansions(text.substring(0, m.start()) + value + text.substring(m.end())));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyMountedFileExists() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
        // expand ${VAR:-default} first: its ":-" is not the short syntax's separator
        for (String expanded :
            expansions(
                volume instanceof Map<?, ?> longSyntax
                    ? String.valueOf(longSyntax.get("source"))
                    : String.valueOf(volume))) {
          String source = volume instanceof Map<?, ?> ? expanded : expanded.split(":", -1)[0];
          if (source.equals("./certs")) {
            // generated, git-ignored: deploy/certs.sh makes it
            assertThat(DEPLOY.resolve("certs.sh"))
                .as("%s mounts ./certs, made by", service.getKey())
                .isExecutable();
            continue;
          }
          if (source.startsWith(".")) {
            // service jars and the agent are build outputs: ./mvnw package makes them
            assertThat(DEPLOY.resolve(source).normalize())
                .as("%s mounts %s", service.getKey(), source)
                .exists();
          }
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDefaultProfileIsCollectorJaegerPrometheusGrafanaAndGatewayTempoAndOpenSearchAreOptIn()
      throws IOException {
    Map<String, Map<String, Object>> services = services();
    for (String always : List.of("collector", "jaeger", "prometheus", "grafana", "gateway")) {
      assertThat(services.get(always)).as(always).doesNotContainKey("profiles");
    }
    assertThat(services.get("opensearch").get("profiles")).isEqualTo(List.of("opensearch"));
    assertThat(services.get("tempo").get("profiles")).isEqualTo(List.of("tempo"));
    // by default the collector exports to Jaeger, the gateway reads Jaeger, Jaeger runs on Badger
    Map<String, Object> collector =
        (Map<String, Object>) services.get("collector").get("environment");
    assertThat(expansions(collector.get("JAEGER_OTLP_GRPC_ENDPOINT").toString()))
        .containsExactly("jaeger:4417", "tempo:4417");
    assertThat(
            ((Map<String, Object>) services.get("gateway").get("environment"))
                .get("GATEWAY_JAEGER_URL"))
        .isEqualTo("http://jaeger:16686");
    List<String> command = (List<String>) services.get("jaeger").get("command");
    assertThat(expansions(command.get(0)))
        .containsExactly(
            "--config=/etc/jaeger/jaeger-local.yaml",
            "--config=/etc/jaeger/jaeger-opensearch.yaml");
    List<String> jaegerMounts = (List<String>) services.get("jaeger").get("volumes");
    for (String config : expansions(command.get(0))) {
      String inContainer = config.substring("--config=".length());
      assertThat(jaegerMounts)
          .anyMatch(v -> v.startsWith("../jaeger/") && v.contains(":" + inContainer + ":ro"));
    }
    // only the gateway talks to Jaeger's query port inside the network; the host gets loopback only
    assertThat((List<String>) services.get("jaeger").get("ports"))
        .allMatch(p -> p.startsWith("127.0.0.1:"));
    // Tempo and OpenSearch listen on the addresses their configs read
    assertThat(Files.readString(ROOT.resolve("tempo/tempo-local.yaml")))
        .contains("${TEMPO_OTLP_GRPC_PORT:-4417}");
    assertThat(Files.readString(ROOT.resolve("jaeger/jaeger-local.yaml")))
        .contains("${env:JAEGER_OTLP_GRPC_PORT:-4417}")
        .contains("${env:JAEGER_QUERY_HTTP_PORT:-16686}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTempoProfileGivesDevelopersATempoDatasourceAndSupportNothing() throws IOException {
    Map<String, Object> tempo =
        new Yaml().load(Files.readString(ROOT.resolve("tempo/grafana-datasource-tempo.yaml")));
    List<Map<String, Object>> datasources = (List<Map<String, Object>>) tempo.get("datasources");
    assertThat(datasources).hasSize(1);
    Map<String, Object> ds = datasources.get(0);
    // Engineering (org 1) only: Grafana would refuse to start on an org that does not exist yet,
    // and the Support org must not get a datasource that bypasses the gateway
    assertThat(ds)
        .containsEntry("type", "tempo")
        .containsEntry("orgId", 1)
        .containsEntry("url", "http://tempo:3200")
        .containsEntry("editable", false);
    Map<String, Object> off =
        new Yaml().load(Files.readString(ROOT.resolve("tempo/grafana-datasource-jaeger.yaml")));
    assertThat((List<Map<String, Object>>) off.get("deleteDatasources"))
        .containsExactly(Map.of("name", ds.get("name"), "orgId", 1));
    assertThat(off).doesNotContainKey("datasources");
    // the README and the compose file say it: not run by this project's tests, developers only,
    // Support's order-only access needs the Jaeger profile
    String readme = Files.readString(ROOT.resolve("tempo/README.md"));
    assertThat(readme)
        .contains("Not run by this project's tests")
        .contains("Support's\norder-only access needs the Jaeger profile");
    assertThat(Files.readString(DEPLOY.resolve("compose.yaml")))
        .contains("NOT run by this project's tests")
        .contains("DEVELOPERS only");
  }

  @Test
  @SuppressWarnings("unchecked")
  void tracedServicesGetTheOneJarAgentWithoutCodeChange() throws IOException {
    for (String service :
        List.of("shop-api", "crm-api", "mes-api", "calculation-service", "file-store")) {
      Map<String, Object> env = (Map<String, Object>) services().get(service).get("environment");
      assertThat(env.get("JAVA_TOOL_OPTIONS"))
          .as(service)
          .isEqualTo("-javaagent:/otel/ordertrace-javaagent.jar");
      assertThat(env.get("OTEL_SERVICE_NAME")).as(service).isEqualTo(service);
      assertThat((List<String>) services().get(service).get("volumes"))
          .contains(
              "../agent-extension/target/ordertrace-javaagent.jar:/otel/ordertrace-javaagent.jar:ro");
    }
    Map<String, Object> shop = (Map<String, Object>) services().get("shop-api").get("environment");
    assertThat(shop.get("ORDERTRACE_EDGE")).isEqualTo("true");
  }

  @Test
  @SuppressWarnings("unchecked")
  void variablesSetForThePipelineExistInItsConfigs() throws IOException {
    String collectorConfig = Files.readString(ROOT.resolve("collector-config/otelcol.yaml"));
    for (String name :
        ((Map<String, Object>) services().get("collector").get("environment")).keySet()) {
      assertThat(collectorConfig)
          .as("collector-config/otelcol.yaml reads %s", name)
          .contains("${env:" + name);
    }
    String gatewayConfig =
        Files.readString(
            ROOT.resolve("gateway/src/main/java/io/ordertrace/gateway/GatewayConfig.java"));
    for (String name :
        ((Map<String, Object>) services().get("gateway").get("environment")).keySet()) {
      assertThat(gatewayConfig).as("the gateway reads %s", name).contains("\"" + name + "\"");
    }
    String jaegerConfigs =
        Files.readString(ROOT.resolve("jaeger/jaeger-local.yaml"))
            + Files.readString(ROOT.resolve("jaeger/jaeger-opensearch.yaml"));
    for (String name :
        ((Map<String, Object>) services().get("jaeger").get("environment")).keySet()) {
      assertThat(jaegerConfigs).as("jaeger/jaeger-*.yaml read %s", name).contains("${env:" + name);
    }
    String tempoConfig = Files.readString(ROOT.resolve("tempo/tempo-local.yaml"));
    for (String name :
        ((Map<String, Object>) services().get("tempo").get("environment")).keySet()) {
      assertThat(tempoConfig).as("tempo/tempo-local.yaml reads %s", name).contains("${" + name);
    }
  }
}
