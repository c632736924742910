/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import io.ordertrace.e2e.pipeline.PipelineProcesses;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads grafana/: provisioned datasources, dashboards (JSON through snakeyaml: JSON is YAML), alert
 * rules, and pulls out every query with the datasource it runs on.
 */
final class Provisioning {
  static final Path REPO = PipelineProcesses.findRepoRoot();
  static final Path GRAFANA = REPO.resolve("grafana");

  /** One query found in a dashboard or an alert rule. */
  record Query(
      String source, String datasourceUid, String datasourceType, Map<String, Object> target) {
    /** PromQL (expr), a Jaeger trace id query (query) or a Jaeger search (service, tags). */
    String expr() {
      if ("search".equals(target.get("queryType"))) {
        return "service="
            + Objects.toString(target.get("service"), "")
            + " tags="
            + Objects.toString(target.get("tags"), "");
      }
      Object e = target.containsKey("expr") ? target.get("expr") : target.get("query");
      return e == null ? "" : e.toString();
    }

    String queryType() {
      return Objects.toString(target.get("queryType"), "");
    }

    @Override
    public String toString() {
      return source + " [" + datasourceType + "/" + datasourceUid + "] " + expr();
    }
  }

  private Provisioning() {}

  static Object load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(String dir, String... exts) {
    try (Stream<Path> s = Files.list(GRAFANA.resolve(dir))) {
      return s.filter(p -> Stream.of(exts).anyMatch(e -> p.getFileName().toString().endsWith(e)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : List.of();
  }

  /** Every provisioned datasource, as (orgId, uid) -> definition. */
  static Map<String, Map<String, Object>> datasources() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Path f : files("provisioning/datasources", ".yaml", ".yml")) {
      for (Object ds : list(map(load(f)).get("datasources"))) {
        Map<String, Object> d = map(ds);
        out.put(d.getOrDefault("orgId", 1) + "/" + d.get("uid"), d);
      }
    }
    return out;
  }

  /**
   * The Support org's datasource (grafana/support-org/jaeger-datasource.json): NOT provisioned from
   * files (Grafana would refuse to start before the org exists), bootstrap.sh sends it through the
   * HTTP API, adding url and the secrets from the environment.
   */
  static Map<String, Object> supportDatasource() {
    return map(load(GRAFANA.resolve("support-org/jaeger-datasource.json")));
  }

  /**
   * Files under grafana/ that bootstrap.sh reads with the given prefix ("$HERE/dashboards/...").
   */
  static List<String> filesBootstrapUses(String prefix) {
    try {
      String script = Files.readString(GRAFANA.resolve("bootstrap.sh"), StandardCharsets.UTF_8);
      Matcher m =
          Pattern.compile("\\$HERE/(" + Pattern.quote(prefix) + "[^\"\\s]*)").matcher(script);
      List<String> out = new ArrayList<>();
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dashboards bootstrap.sh imports into the Support org. */
  static List<Path> supportOrgDashboards() {
    return filesBootstrapUses("dashboards/").stream().map(GRAFANA::resolve).toList();
  }

  /** uid -> type over all orgs. */
  static Map<String, String> datasourceTypes() {
    Map<String, String> out = new LinkedHashMap<>();
    datasources().values().forEach(d -> out.put(d.get("uid").toString(), d.get("type").toString()));
    return out;
  }

  static Map<Path, Map<String, Object>> dashboards() {
    Map<Path, Map<String, Object>> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(GRAFANA.resolve("dashboards"))) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> out.put(p, map(load(p))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Panels, with the panels of collapsed rows. */
  static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object p : list(dashboard.get("panels"))) {
      out.add(map(p));
      for (Object inner : list(map(p).get("panels"))) {
        out.add(map(inner));
      }
    }
    return out;
  }

  static List<Map<String, Object>> variables(Map<String, Object> dashboard) {
    return list(map(dashboard.get("templating")).get("list")).stream()
        .map(Provisioning::map)
        .toList();
  }

  /** Every query of every dashboard: panel targets and query variables. */
  static List<Query> dashboardQueries() {
    Map<String, String> types = datasourceTypes();
    List<Query> out = new ArrayList<>();
    dashboards()
        .forEach(
            (file, d) -> {
              String name = file.getFileName().toString();
              for (Map<String, Object> p : panels(d)) {
                Map<String, Object> pds = map(p.get("datasource"));
                for (Object t : list(p.get("targets"))) {
                  Map<String, Object> target = map(t);
                  Map<String, Object> ds =
                      target.containsKey("datasource") ? map(target.get("datasource")) : pds;
                  String uid = Objects.toString(ds.get("uid"), null);
                  out.add(
                      new Query(
                          name
                              + " panel "
                              + p.get("id")
                              + " '"
                              + p.get("title")
                              + "' "
                              + target.get("refId"),
                          uid,
                          types.getOrDefault(uid, Objects.toString(ds.get("type"), null)),
                          target));
                }
              }
              for (Map<String, Object> v : variables(d)) {
                if ("query".equals(v.get("type"))) {
                  String uid = Objects.toString(map(v.get("datasource")).get("uid"), null);
                  Object q = v.get("query");
                  Map<String, Object> target =
                      new LinkedHashMap<>(
                          q instanceof Map ? map(q) : Map.of("query", Objects.toString(q)));
                  out.add(
                      new Query(name + " variable " + v.get("name"), uid, types.get(uid), target));
                }
              }
            });
    return out;
  }

  /** Alert rule groups of grafana/provisioning/alerting. */
  static List<Map<String, Object>> alertRules() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path f : files("provisioning/alerting", ".yaml", ".yml")) {
      for (Object g : list(map(load(f)).get("groups"))) {
        for (Object r : list(map(g).get("rules"))) {
          Map<String, Object> rule = new LinkedHashMap<>(map(r));
          rule.put("_group", map(g));
          out.add(rule);
        }
      }
    }
    return out;
  }

  static List<Query> alertQueries() {
    Map<String, String> types = datasourceTypes();
    List<Query> out = new ArrayList<>();
    for (Map<String, Object> rule : alertRules()) {
      for (Object d : list(rule.get("data"))) {
        Map<String, Object> data = map(d);
        String uid = Objects.toString(data.get("datasourceUid"), null);
        if (!"__expr__".equals(uid)) {
          out.add(
              new Query(
                  "alert '" + rule.get("title") + "' " + data.get("refId"),
                  uid,
                  types.get(uid),
                  map(data.get("model"))));
        }
      }
    }
    return out;
  }

  static final Pattern VAR =
      Pattern.compile(
          "\\$\\{([A-Za-z0-9_]+)(?:\\.[A-Za-z]+)?(?::[a-z]+)?}|\\$([A-Za-z_][A-Za-z0-9_]*)|\\[\\[([A-Za-z0-9_]+)]]");

  /** Names of the variables a text uses ($x, ${x}, ${x:fmt}, [[x]]). */
  static List<String> usedVariables(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = VAR.matcher(text);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return out;
  }

  /** Replaces variables by the given values (unknown ones are left as they are). */
  static String substitute(String text, Map<String, String> values) {
    Matcher m = VAR.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(name, m.group())));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
