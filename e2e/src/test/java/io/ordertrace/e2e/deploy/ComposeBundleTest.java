package io.ordertrace.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * checked: it parses, every file it mounts exists, every image is the version the tests run
 * natively (tools/versions.env), and the variables it sets exist in the configs it mounts.
 */
class ComposeBundleTest {

  private static final Path ROOT = Path.of(System.getProperty("ordertrace.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path DEPLOY = ROOT.resolve("deploy");
  private static final Map<String, String> IMAGE_PIN =
      Map.ofEntries(
          Map.entry("rabbitmq", "RABBITMQ_IMAGE"),
          Map.entry("postgres", "POSTGRES_IMAGE"),
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
    Map<String, String> pins = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve("tools/versions.env"))) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        pins.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
      }
    }
    return pins;
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

  @Test
  @SuppressWarnings("unchecked")
  void everyMountedFileExists() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
        String source =
            volume instanceof Map<?, ?> longSyntax
                ? String.valueOf(longSyntax.get("source"))
                : String.valueOf(volume).split(":")[0];
        if (source.equals("./certs")) {
          // generated, git-ignored: deploy/certs.sh makes it
          assertThat(DEPLOY.resolve("certs.sh")).as("%s mounts ./certs, made by", service.getKey()).isExecutable();
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

  @Test
  @SuppressWarnings("unchecked")
  void tracedServicesGetTheOneJarAgentWithoutCodeChange() throws IOException {
    for (String service : List.of("shop-api", "crm-api", "mes-api", "calculation-service", "file-store")) {
      Map<String, Object> env = (Map<String, Object>) services().get(service).get("environment");
      assertThat(env.get("JAVA_TOOL_OPTIONS")).as(service).isEqualTo("-javaagent:/otel/ordertrace-javaagent.jar");
      assertThat(env.get("OTEL_SERVICE_NAME")).as(service).isEqualTo(service);
      assertThat((List<String>) services().get(service).get("volumes"))
          .contains("../agent-extension/target/ordertrace-javaagent.jar:/otel/ordertrace-javaagent.jar:ro");
    }
    Map<String, Object> shop = (Map<String, Object>) services().get("shop-api").get("environment");
    assertThat(shop.get("ORDERTRACE_EDGE")).isEqualTo("true");
  }

  @Test
  @SuppressWarnings("unchecked")
  void variablesSetForThePipelineExistInItsConfigs() throws IOException {
    String collectorConfig = Files.readString(ROOT.resolve("collector-config/otelcol.yaml"));
    for (String name : ((Map<String, Object>) services().get("collector").get("environment")).keySet()) {
      assertThat(collectorConfig).as("collector-config/otelcol.yaml reads %s", name).contains("${env:" + name);
    }
    String gatewayConfig =
        Files.readString(ROOT.resolve("gateway/src/main/java/io/ordertrace/gateway/GatewayConfig.java"));
    for (String name : ((Map<String, Object>) services().get("gateway").get("environment")).keySet()) {
      assertThat(gatewayConfig).as("the gateway reads %s", name).contains("\"" + name + "\"");
    }
    String tempoConfig = Files.readString(ROOT.resolve("tempo/tempo-local.yaml"));
    for (String name : ((Map<String, Object>) services().get("tempo").get("environment")).keySet()) {
      assertThat(tempoConfig).as("tempo/tempo-local.yaml reads %s", name).contains("${" + name);
    }
  }
}
