/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Our collector distribution, otelcol-ordertrace, as collector-config/builder-config.yaml declares
 * it: per kind of component, the type each module registers and whether the module is our own
 * (compiled from this repository through {@code path:}, so on no upstream image).
 *
 * <p>The manifest names Go modules, a configuration names component types; the type of our own
 * modules is read from their metadata.yaml, that of upstream modules from {@link #UPSTREAM_TYPES}
 * (what {@code otelcol-ordertrace components} prints; CollectorDistributionTest compares the two
 * whenever the binary is built).
 */
final class CollectorDistribution {

  /** The sections of builder-config.yaml and of a collector configuration that name components. */
  static final List<String> KINDS =
      List.of("receivers", "processors", "exporters", "connectors", "extensions");

  /** Component type of each upstream module builder-config.yaml may list. */
  static final Map<String, String> UPSTREAM_TYPES =
      Map.ofEntries(
          Map.entry("go.opentelemetry.io/collector/receiver/otlpreceiver", "otlp"),
          Map.entry(
              "go.opentelemetry.io/collector/processor/memorylimiterprocessor", "memory_limiter"),
          Map.entry("go.opentelemetry.io/collector/processor/batchprocessor", "batch"),
          Map.entry("go.opentelemetry.io/collector/exporter/otlpexporter", "otlp_grpc"),
          Map.entry("go.opentelemetry.io/collector/exporter/otlphttpexporter", "otlp_http"),
          Map.entry("go.opentelemetry.io/collector/exporter/debugexporter", "debug"),
          Map.entry(contrib("processor/redactionprocessor"), "redaction"),
          Map.entry(contrib("processor/transformprocessor"), "transform"),
          Map.entry(contrib("processor/filterprocessor"), "filter"),
          Map.entry(contrib("processor/tailsamplingprocessor"), "tail_sampling"),
          Map.entry(contrib("connector/spanmetricsconnector"), "span_metrics"),
          Map.entry(contrib("connector/servicegraphconnector"), "service_graph"),
          Map.entry(contrib("exporter/prometheusexporter"), "prometheus"),
          Map.entry(contrib("exporter/loadbalancingexporter"), "load_balancing"),
          Map.entry(contrib("exporter/awss3exporter"), "awss3"),
          Map.entry(contrib("extension/healthcheckextension"), "health_check"),
          Map.entry(contrib("extension/storage/filestorage"), "file_storage"),
          Map.entry(contrib("extension/bearertokenauthextension"), "bearertokenauth"));

  /** One component of the distribution. */
  record Component(String kind, String type, String module, boolean own) {}

  private final Map<String, Map<String, Component>> byKindAndType;

  private CollectorDistribution(Map<String, Map<String, Component>> byKindAndType) {
    this.byKindAndType = byKindAndType;
  }

  private static String contrib(String path) {
    return "github.com/open-telemetry/opentelemetry-collector-contrib/" + path;
  }

  /** Reads {@code <root>/collector-config/builder-config.yaml} (and our modules' metadata.yaml). */
  static CollectorDistribution read(Path root) throws IOException {
    Map<String, Object> manifest =
        new Yaml().load(Files.readString(root.resolve("collector-config/builder-config.yaml")));
    Map<String, Map<String, Component>> components = new LinkedHashMap<>();
    for (String kind : KINDS) {
      Map<String, Component> ofKind = new LinkedHashMap<>();
      for (Object entry : (List<?>) manifest.getOrDefault(kind, List.of())) {
        Map<?, ?> item = (Map<?, ?>) entry;
        String module = String.valueOf(item.get("gomod")).split("\\s+", -1)[0];
        Component component =
            item.get("path") instanceof String path
                ? new Component(kind, ownType(root, path, module), module, true)
                : new Component(kind, upstreamType(module), module, false);
        ofKind.put(component.type(), component);
      }
      components.put(kind, ofKind);
    }
    return new CollectorDistribution(components);
  }

  private static String ownType(Path root, String path, String module) throws IOException {
    Path metadata = root.resolve(path).normalize().resolve("metadata.yaml");
    if (!Files.isRegularFile(metadata)) {
      throw new IllegalStateException(
          "builder-config.yaml builds "
              + module
              + " from "
              + path
              + ", which has no metadata.yaml");
    }
    Map<String, Object> meta = new Yaml().load(Files.readString(metadata));
    return String.valueOf(meta.get("type"));
  }

  private static String upstreamType(String module) {
    String type = UPSTREAM_TYPES.get(module);
    if (type == null) {
      throw new IllegalStateException(
          "builder-config.yaml lists "
              + module
              + ", whose component type CollectorDistribution.UPSTREAM_TYPES does not know: add it"
              + " (the name `otelcol-ordertrace components` prints for that module)");
    }
    return type;
  }

  /** The component types of one kind ("processors", ...), in manifest order. */
  Set<String> types(String kind) {
    return byKindAndType.getOrDefault(kind, Map.of()).keySet();
  }

  /** Every component, kind by kind in manifest order. */
  List<Component> components() {
    List<Component> all = new ArrayList<>();
    byKindAndType.values().forEach(ofKind -> all.addAll(ofKind.values()));
    return all;
  }

  /**
   * The components a collector configuration names that this distribution does not have, as
   * "processor scrub" (kind without its plural s, then the type); empty when it has all of them.
   */
  List<String> missingFrom(Map<String, Object> config) {
    Set<String> missing = new LinkedHashSet<>();
    for (Component used : usedBy(config)) {
      if (!types(used.kind()).contains(used.type())) {
        missing.add(label(used));
      }
    }
    return List.copyOf(missing);
  }

  /** The components of this distribution that are our own and that a configuration names. */
  List<String> ownUsedBy(Map<String, Object> config) {
    Set<String> own = new LinkedHashSet<>();
    for (Component used : usedBy(config)) {
      Component ours = byKindAndType.getOrDefault(used.kind(), Map.of()).get(used.type());
      if (ours != null && ours.own()) {
        own.add(label(used));
      }
    }
    return List.copyOf(own);
  }

  /**
   * Every component a configuration declares (the keys "type" or "type/name" of its component
   * sections); module and own are left empty.
   */
  static List<Component> usedBy(Map<String, Object> config) {
    List<Component> used = new ArrayList<>();
    for (String kind : KINDS) {
      if (config.get(kind) instanceof Map<?, ?> section) {
        for (Object id : section.keySet()) {
          String type = String.valueOf(id).split("/", 2)[0];
          used.add(new Component(kind, type, "", false));
        }
      }
    }
    return used;
  }

  private static String label(Component component) {
    String kind = component.kind();
    return kind.substring(0, kind.length() - 1) + " " + component.type();
  }
}
