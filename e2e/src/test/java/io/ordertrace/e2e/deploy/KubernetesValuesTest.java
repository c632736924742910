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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/ holds values for the official Jaeger and OpenSearch Helm charts (P4). No
 * Kubernetes runs here, so they are held to what can be checked: they parse, they pin the images
 * and chart versions of tools/versions.env, Jaeger's configuration in them IS
 * jaeger/jaeger-opensearch.yaml (the file the tests run) plus only TLS and a user, every variable
 * that configuration needs is set, and nothing listens on every interface.
 */
class KubernetesValuesTest {

  private static final Path ROOT = RepositoryRoot.find();
  private static final Path K8S = ROOT.resolve("deploy/kubernetes");

  @Test
  void jaegerRunsThePinnedImageAndChart() throws IOException {
    Map<String, Object> image = map(map(values("values-jaeger.yaml").get("jaeger")).get("image"));

    assertThat(image.get("repository") + ":" + image.get("tag"))
        .isEqualTo(pins().get("JAEGER_IMAGE"));
    assertThat(image.get("tag")).isEqualTo(pins().get("JAEGER_VERSION"));
    assertThat(Files.readString(K8S.resolve("values-jaeger.yaml")))
        .contains("chart version " + pins().get("JAEGER_HELM_CHART_VERSION"))
        .contains("--version " + pins().get("JAEGER_HELM_CHART_VERSION"));
  }

  @Test
  void openSearchRunsThePinnedImageAndChartOnThreeNodes() throws IOException {
    Map<String, Object> values = values("values-opensearch.yaml");
    Map<String, Object> image = map(values.get("image"));

    assertThat(image.get("repository") + ":" + image.get("tag"))
        .isEqualTo(pins().get("OPENSEARCH_IMAGE"));
    assertThat(Files.readString(K8S.resolve("values-opensearch.yaml")))
        .contains("chart version " + pins().get("OPENSEARCH_HELM_CHART_VERSION"))
        .contains("--version " + pins().get("OPENSEARCH_HELM_CHART_VERSION"));
    assertThat((Integer) values.get("replicas")).isGreaterThanOrEqualTo(3);
    assertThat(values.get("antiAffinity")).isEqualTo("hard");
  }

  @Test
  void openSearchKeepsItsSecurityPluginWithTlsOnBothLayers() throws IOException {
    Map<String, Object> config =
        new Yaml()
            .load(
                (String) map(values("values-opensearch.yaml").get("config")).get("opensearch.yml"));

    assertThat(config)
        .containsEntry("plugins.security.ssl.http.enabled", true)
        .containsKeys(
            "plugins.security.ssl.transport.pemcert_filepath",
            "plugins.security.ssl.http.pemcert_filepath")
        .doesNotContainKey("plugins.security.disabled")
        .doesNotContainKey("plugins.security.allow_unsafe_democertificates");
  }

  @Test
  void jaegersConfigurationIsTheTestedFilePlusOnlyTlsAndAUser() throws IOException {
    Map<String, Object> deployed =
        new Yaml().load((String) values("values-jaeger.yaml").get("userconfig"));
    Map<String, Object> tested =
        new Yaml().load(Files.readString(ROOT.resolve("jaeger/jaeger-opensearch.yaml")));

    Map<String, Object> backend = openSearchBackend(deployed);
    Map<String, Object> tls = map(backend.remove("tls"));
    Map<String, Object> auth = map(backend.remove("auth"));

    assertThat(deployed).isEqualTo(tested);
    assertThat(tls).containsEntry("insecure", false).containsKey("ca_file");
    assertThat(map(auth.get("basic")))
        .containsKeys("username", "password_file")
        .doesNotContainKey("password");
  }

  @Test
  void everyVariableTheConfigurationNeedsIsSetAndPortsMatchTheChart() throws IOException {
    Map<String, Object> values = values("values-jaeger.yaml");
    String config = (String) values.get("userconfig");
    Map<String, Object> env = env(map(values.get("jaeger")));

    Matcher required = Pattern.compile("\\$\\{env:([A-Z_]+)}").matcher(config); // no default given
    while (required.find()) {
      assertThat(env).as("extraEnv sets " + required.group(1)).containsKey(required.group(1));
    }
    // the chart's container ports, Service and /status probes on 13133
    assertThat(env)
        .containsEntry("JAEGER_OTLP_GRPC_PORT", "4317")
        .containsEntry("JAEGER_OTLP_HTTP_PORT", "4318")
        .containsEntry("JAEGER_QUERY_HTTP_PORT", "16686")
        .containsEntry("JAEGER_QUERY_GRPC_PORT", "16685")
        .containsEntry("JAEGER_HEALTH_PORT", "13133")
        .containsEntry("JAEGER_METRICS_PORT", "8888");
    assertThat(env.get("JAEGER_HOST"))
        .isEqualTo(Map.of("fieldRef", Map.of("fieldPath", "status.podIP")));
    assertThat((String) env.get("OPENSEARCH_URL")).startsWith("https://");
    // production: rollover aliases under ISM, replicated indices, retention within P3's 7-30 days
    assertThat(env).containsEntry("OPENSEARCH_USE_ALIASES", "true");
    assertThat(Integer.parseInt((String) env.get("OPENSEARCH_REPLICAS"))).isGreaterThanOrEqualTo(1);
    int hours = Integer.parseInt(((String) env.get("JAEGER_RETENTION")).replace("h", ""));
    assertThat(hours).isBetween(7 * 24, 30 * 24);
  }

  @ParameterizedTest
  @ValueSource(strings = {"values-jaeger.yaml", "values-opensearch.yaml"})
  void nothingListensOnEveryInterface(String file) throws IOException {
    assertThat(Files.readString(K8S.resolve(file)))
        .doesNotContain("0.0.0.0")
        .doesNotContain("[::]");
  }

  /**
   * No upstream collector image may run our configurations (they need the scrub processor, which
   * only otelcol-ordertrace has): a collector deployed from these values would run OTELCOL_IMAGE,
   * the image of collector-config/Dockerfile. Today they deploy none.
   */
  @ParameterizedTest
  @MethodSource("valuesFiles")
  void noUpstreamCollectorImageIsDeployed(String file) throws IOException {
    assertThat(Files.readString(K8S.resolve(file)))
        .doesNotContain("otel/opentelemetry-collector")
        .doesNotContain("opentelemetry-collector-contrib:")
        .doesNotContain("opentelemetry-collector-k8s");
  }

  // ------------------------------------------------------------------ helpers

  /** Every file of deploy/kubernetes/, so that a new one is covered too. */
  static Stream<String> valuesFiles() throws IOException {
    try (Stream<Path> files = Files.list(K8S)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static Map<String, Object> values(String file) throws IOException {
    return new Yaml().load(Files.readString(K8S.resolve(file)));
  }

  private static Map<String, Object> openSearchBackend(Map<String, Object> config) {
    Map<String, Object> backends =
        map(map(map(config.get("extensions")).get("jaeger_storage")).get("backends"));
    return map(map(backends.get("opensearch_store")).get("opensearch"));
  }

  /** name -> value (a string) or valueFrom (a map), from the chart's jaeger.extraEnv list. */
  private static Map<String, Object> env(Map<String, Object> jaeger) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Object item : (List<?>) jaeger.get("extraEnv")) {
      Map<String, Object> variable = map(item);
      env.put(
          (String) variable.get("name"),
          variable.containsKey("value")
              ? String.valueOf(variable.get("value"))
              : variable.get("valueFrom"));
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Map<String, String> pins() throws IOException {
    return VersionPins.read(ROOT);
  }
}
