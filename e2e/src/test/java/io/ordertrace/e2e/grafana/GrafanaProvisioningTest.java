/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Structural checks of grafana/ (no Grafana server needed, none is available on the build
 * machines): everything parses, uids are unique, every datasource a panel, a target, a datasource
 * link or an alert uses is provisioned IN THE ORG that gets the dashboard, every variable is
 * defined, alert rules have a `for` and labels, no file names an org other than 1 (Grafana would
 * not start), and the Support org (set up by bootstrap.sh through the API) gets only Order lookup.
 */
class GrafanaProvisioningTest {
  /** Grafana's built-in variables. */
  static final Set<String> BUILT_INS =
      Set.of(
          "__rate_interval",
          "__interval",
          "__interval_ms",
          "__range",
          "__range_s",
          "__range_ms",
          "__from",
          "__to",
          "__url_time_range",
          "__value",
          "__all",
          "__dashboard",
          "__user",
          "__org",
          "__tags",
          "__field",
          "__series",
          "__data",
          "__timeFilter",
          "__name");

  private static Map<String, Map<String, Object>> providersByOrgPath() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Path f : Provisioning.files("provisioning/dashboards", ".yaml", ".yml")) {
      for (Object p : Provisioning.list(Provisioning.map(Provisioning.load(f)).get("providers"))) {
        Map<String, Object> provider = Provisioning.map(p);
        out.put(
            provider.get("orgId") + " " + Provisioning.map(provider.get("options")).get("path"),
            provider);
      }
    }
    return out;
  }

  /** Support org = 2: the id bootstrap.sh normally gets when it creates the org. */
  static final int SUPPORT_ORG = 2;

  /**
   * Datasources of all orgs, (orgId, uid) -> definition: the files (org 1) and Support's
   * bootstrap.sh body.
   */
  private static Map<String, Map<String, Object>> datasourcesOfAllOrgs() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>(Provisioning.datasources());
    Map<String, Object> support = Provisioning.supportDatasource();
    out.put(SUPPORT_ORG + "/" + support.get("uid"), support);
    return out;
  }

  /**
   * Dashboard file -> orgs it gets into: by file provisioning (container path
   * /var/lib/grafana/dashboards = grafana/dashboards) or, for the Support org, by bootstrap.sh.
   */
  private static Map<Path, Set<Integer>> orgsOfDashboards() {
    Map<Path, Set<Integer>> out = new LinkedHashMap<>();
    Provisioning.dashboards().keySet().forEach(f -> out.put(f, new HashSet<>()));
    providersByOrgPath()
        .values()
        .forEach(
            p -> {
              String path = Provisioning.map(p.get("options")).get("path").toString();
              assertThat(path).startsWith("/var/lib/grafana/dashboards");
              Path dir =
                  Provisioning.GRAFANA.resolve(
                      "dashboards" + path.substring("/var/lib/grafana/dashboards".length()));
              assertThat(dir).as("provider path of %s", p.get("name")).isDirectory();
              out.forEach(
                  (f, orgs) -> {
                    if (f.startsWith(dir)) {
                      orgs.add((Integer) p.get("orgId"));
                    }
                  });
            });
    Provisioning.supportOrgDashboards().forEach(f -> out.get(f).add(SUPPORT_ORG));
    return out;
  }

  @Test
  void everyFileParses() throws Exception {
    List<Path> all = new ArrayList<>();
    try (var s = Files.walk(Provisioning.GRAFANA)) {
      s.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).forEach(all::add);
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(7);
    for (Path p : all) {
      assertThat(Provisioning.load(p)).as(p.toString()).isInstanceOf(Map.class);
    }
  }

  @Test
  void dashboardsAreUpToDateWithTheGenerator() throws Exception {
    // the committed JSON is what grafana/generate-dashboards.py writes
    Command.Result python =
        Command.run(
            List.of(
                "python3",
                "-c",
                "import importlib.util,json,sys;"
                    + "s=importlib.util.spec_from_file_location('g','"
                    + Provisioning.GRAFANA.resolve("generate-dashboards.py")
                    + "');"
                    + "g=importlib.util.module_from_spec(s);s.loader.exec_module(g);"
                    + "print(json.dumps([g.order_lookup(),g.order_flow_health(),g.service_red()],sort_keys=True))"),
            Duration.ofSeconds(60));
    String out = python.out().trim();
    assertThat(python.exitCode()).as(python.output()).isZero();
    List<Object> generated = Provisioning.list(Provisioning.load(writeTemp(out)));
    assertThat(generated)
        .containsExactly(
            Provisioning.load(Provisioning.GRAFANA.resolve("dashboards/support/order-lookup.json")),
            Provisioning.load(
                Provisioning.GRAFANA.resolve("dashboards/engineering/order-flow-health.json")),
            Provisioning.load(
                Provisioning.GRAFANA.resolve("dashboards/engineering/service-red.json")));
  }

  private static Path writeTemp(String text) throws Exception {
    Path f = Files.createTempFile("dashboards", ".json");
    f.toFile().deleteOnExit();
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void dashboardUidsAndPanelIdsAreUnique() {
    List<Object> uids = new ArrayList<>();
    Provisioning.dashboards()
        .forEach(
            (f, d) -> {
              uids.add(d.get("uid"));
              assertThat(d.get("title")).as(f.toString()).isNotNull();
              assertThat(Objects.toString(d.get("uid")))
                  .as("uid of %s (Grafana: at most 40 chars)", f)
                  .hasSizeLessThanOrEqualTo(40);
              List<Object> ids = Provisioning.panels(d).stream().map(p -> p.get("id")).toList();
              assertThat(ids).as("panel ids of %s", f).doesNotContainNull().doesNotHaveDuplicates();
            });
    assertThat(uids)
        .hasSize(3)
        .doesNotHaveDuplicates()
        .contains(
            "ordertrace-order-lookup", "ordertrace-order-flow-health", "ordertrace-service-red");
  }

  @Test
  void everyDatasourceReferenceResolvesInTheDashboardsOrgs() {
    Map<String, Map<String, Object>> ds = datasourcesOfAllOrgs();
    Map<Path, Set<Integer>> orgs = orgsOfDashboards();
    Provisioning.dashboards()
        .forEach(
            (f, d) -> {
              assertThat(orgs.get(f)).as("orgs of %s", f).isNotEmpty();
              List<Map<String, Object>> refs = new ArrayList<>();
              for (Map<String, Object> p : Provisioning.panels(d)) {
                if (p.containsKey("datasource")) {
                  refs.add(Provisioning.map(p.get("datasource")));
                } else {
                  assertThat(p.get("type"))
                      .as("panel %s of %s has no datasource", p.get("id"), f)
                      .isEqualTo("row");
                }
                Provisioning.list(p.get("targets"))
                    .forEach(
                        t -> refs.add(Provisioning.map(Provisioning.map(t).get("datasource"))));
              }
              Provisioning.variables(d).stream()
                  .filter(v -> "query".equals(v.get("type")))
                  .forEach(v -> refs.add(Provisioning.map(v.get("datasource"))));
              for (Map<String, Object> ref : refs) {
                for (int org : orgs.get(f)) {
                  Map<String, Object> def = ds.get(org + "/" + ref.get("uid"));
                  assertThat(def)
                      .as("datasource %s used by %s in org %d", ref, f.getFileName(), org)
                      .isNotNull();
                  assertThat(def.get("type")).as("type of %s", ref).isEqualTo(ref.get("type"));
                }
              }
            });
  }

  @Test
  void datasourcesLinkOnlyToDatasourcesOfTheirOrg() {
    Map<String, Map<String, Object>> ds = datasourcesOfAllOrgs();
    ds.forEach(
        (key, d) -> {
          String org = key.substring(0, key.indexOf('/'));
          Map<String, Object> json = Provisioning.map(d.get("jsonData"));
          for (String link : List.of("serviceMap", "tracesToMetrics", "tracesToLogsV2")) {
            Object uid = Provisioning.map(json.get(link)).get("datasourceUid");
            if (uid != null) {
              assertThat(ds).as("%s.%s of %s", link, uid, key).containsKey(org + "/" + uid);
            }
          }
        });
  }

  private static Map<String, String> gatewayHeaders(Map<String, Object> t) {
    Map<String, Object> json = Provisioning.map(t.get("jsonData"));
    Map<String, Object> secure = Provisioning.map(t.get("secureJsonData"));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; json.containsKey("httpHeaderName" + i); i++) {
      headers.put(
          json.get("httpHeaderName" + i).toString(),
          Objects.toString(secure.get("httpHeaderValue" + i), null));
    }
    assertThat(json).containsEntry("tlsAuth", true).containsEntry("tlsAuthWithCACert", true);
    return headers;
  }

  @Test
  void jaegerDatasourcesGoThroughTheGatewayWithTheirRoleAndSecretsFromTheEnvironment() {
    Map<String, Map<String, Object>> ds = Provisioning.datasources();
    List<Map<String, Object>> jaegers =
        ds.values().stream().filter(d -> "jaeger".equals(d.get("type"))).toList();
    assertThat(jaegers).as("file-provisioned Jaeger datasources (Engineering only)").hasSize(1);
    Map<String, Object> j = jaegers.get(0);
    assertThat(j)
        .containsEntry("uid", "ordertrace-jaeger")
        .containsEntry("url", "${ORDERTRACE_GATEWAY_URL}")
        .containsEntry("access", "proxy")
        .containsEntry("editable", false);
    assertThat(gatewayHeaders(j))
        .containsExactly(
            Map.entry("X-Ordertrace-Gateway-Secret", "${ORDERTRACE_GATEWAY_SECRET}"),
            Map.entry("X-Ordertrace-Role", "developer"));
    assertThat(Provisioning.map(j.get("secureJsonData")))
        .containsEntry("tlsClientKey", "$__file{/etc/grafana/certs/grafana-client.key}");
    Map<String, Object> json = Provisioning.map(j.get("jsonData"));
    // developers: trace -> RED metrics of the span's service in Prometheus; node graph of the trace
    Map<String, Object> toMetrics = Provisioning.map(json.get("tracesToMetrics"));
    assertThat(toMetrics).containsEntry("datasourceUid", "ordertrace-prometheus");
    assertThat(Provisioning.list(toMetrics.get("queries")))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            q ->
                assertThat(Provisioning.map(q).get("query").toString())
                    .contains("$$__tags")
                    .contains("traces_span_metrics_"));
    assertThat(Provisioning.map(json.get("nodeGraph"))).containsEntry("enabled", true);
    // Grafana sends trace-by-id time params in ms, Jaeger reads microseconds: must stay off
    assertThat(Provisioning.map(json.get("traceIdTimeParams")).get("enabled")).isNotEqualTo(true);
    assertThat(ds.values()).noneMatch(d -> "tempo".equals(d.get("type")));
    assertThat(
            Provisioning.list(
                Provisioning.map(
                        Provisioning.load(
                            Provisioning.GRAFANA.resolve(
                                "provisioning/datasources/ordertrace.yaml")))
                    .get("deleteDatasources")))
        .as("the Tempo datasource of earlier versions is removed")
        .isNotEmpty();

    // Support's (bootstrap.sh): same headers, role support; the url and the secrets are NOT in
    // the file: bootstrap.sh adds them from ORDERTRACE_GATEWAY_URL, ORDERTRACE_GATEWAY_SECRET and
    // the certificate files (BootstrapScriptIT checks what it sends). No links to other
    // datasources: the Support org has no Prometheus.
    Map<String, Object> support = Provisioning.supportDatasource();
    assertThat(support)
        .containsEntry("type", "jaeger")
        .containsEntry("uid", "ordertrace-jaeger")
        .doesNotContainKey("url");
    Map<String, String> headers = gatewayHeaders(support);
    assertThat(headers)
        .containsOnlyKeys("X-Ordertrace-Gateway-Secret", "X-Ordertrace-Role")
        .containsEntry("X-Ordertrace-Role", "support");
    assertThat(headers.get("X-Ordertrace-Gateway-Secret"))
        .as("the secret is not in the file")
        .isNull();
    assertThat(Provisioning.map(support.get("secureJsonData")))
        .containsOnlyKeys("httpHeaderValue2");
    assertThat(Provisioning.map(support.get("jsonData")))
        .doesNotContainKeys("tracesToMetrics", "tracesToLogsV2", "traceIdTimeParams");

    // no datasource reads the store directly (every trace query is audited by the gateway)
    ds.values()
        .forEach(
            d ->
                assertThat(Objects.toString(d.get("url")))
                    .doesNotContain(":16686")
                    .doesNotContain(":3200"));
  }

  /** Every Jaeger search of every dashboard: Grafana's query editor model. */
  private static List<Provisioning.Query> jaegerSearches() {
    return Provisioning.dashboardQueries().stream()
        .filter(q -> "jaeger".equals(q.datasourceType()) && "search".equals(q.queryType()))
        .toList();
  }

  @Test
  void jaegerSearchesPassGrafanasServiceCheckYetSendNoService() {
    // Grafana's Jaeger datasource refuses a search with an empty service ("You must select a
    // service.") on the RAW query, before interpolation: the service is ${any_service}, a hidden
    // constant whose value is empty, so the request carries no service and the gateway fans out
    List<Provisioning.Query> searches = jaegerSearches();
    assertThat(searches).hasSizeGreaterThanOrEqualTo(9);
    Map<String, Object> orderLookup =
        Provisioning.dashboards()
            .get(Provisioning.GRAFANA.resolve("dashboards/support/order-lookup.json"));
    Map<String, Object> anyService =
        Provisioning.variables(orderLookup).stream()
            .filter(v -> "any_service".equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(anyService)
        .containsEntry("type", "constant")
        .containsEntry("query", "")
        .containsEntry("hide", 2);
    for (Provisioning.Query q : searches) {
      assertThat(q.target()).as(q.toString()).containsEntry("service", "${any_service}");
      assertThat(
              Provisioning.substitute(
                  q.target().get("service").toString(), Map.of("any_service", "")))
          .isEmpty();
      assertThat(q.target().get("limit")).as("limit of %s", q).isInstanceOf(Integer.class);
    }
  }

  @Test
  void everyVariableUsedIsDefined() {
    Provisioning.dashboards()
        .forEach(
            (f, d) -> {
              Set<String> defined =
                  Provisioning.variables(d).stream()
                      .map(v -> v.get("name").toString())
                      .collect(Collectors.toSet());
              Set<String> used = new HashSet<>();
              for (Map<String, Object> p : Provisioning.panels(d)) {
                for (Object t : Provisioning.list(p.get("targets"))) {
                  for (String field : List.of("expr", "query", "service", "tags")) {
                    used.addAll(
                        Provisioning.usedVariables(
                            Objects.toString(Provisioning.map(t).get(field), "")));
                  }
                }
                used.addAll(Provisioning.usedVariables(Objects.toString(p.get("fieldConfig"), "")));
                used.addAll(Provisioning.usedVariables(Objects.toString(p.get("title"), "")));
              }
              for (Map<String, Object> v : Provisioning.variables(d)) {
                used.addAll(Provisioning.usedVariables(Objects.toString(v.get("query"), "")));
              }
              used.removeAll(BUILT_INS);
              assertThat(defined).as("variables of %s", f.getFileName()).containsAll(used);
            });
  }

  @Test
  void alertRulesAreComplete() {
    Map<String, String> types = Provisioning.datasourceTypes();
    List<Map<String, Object>> rules = Provisioning.alertRules();
    assertThat(rules.stream().map(r -> r.get("uid")).toList())
        .hasSize(4)
        .doesNotHaveDuplicates()
        .contains(
            "ordertrace-error-rate",
            "ordertrace-p95-latency",
            "ordertrace-orders-stuck",
            "ordertrace-queue-processing");
    for (Map<String, Object> r : rules) {
      assertThat(r.get("for")).as("for of %s", r.get("title")).isNotNull();
      assertThat(Provisioning.map(r.get("labels")))
          .as("labels of %s", r.get("title"))
          .isNotEmpty()
          .containsKey("severity");
      assertThat(Provisioning.map(r.get("_group")).get("folder")).isEqualTo("Ordertrace");
      Set<Object> refIds = new HashSet<>();
      for (Object o : Provisioning.list(r.get("data"))) {
        Map<String, Object> data = Provisioning.map(o);
        refIds.add(data.get("refId"));
        String uid = Objects.toString(data.get("datasourceUid"));
        assertThat(
                uid.equals("__expr__")
                    || Provisioning.datasources()
                        .containsKey(Provisioning.map(r.get("_group")).get("orgId") + "/" + uid))
            .as("datasource %s of %s", uid, r.get("title"))
            .isTrue();
        if (!uid.equals("__expr__")) {
          assertThat(types.get(uid)).isEqualTo("prometheus");
          assertThat(Provisioning.map(data.get("model")).get("expr")).isNotNull();
        }
      }
      assertThat(refIds).as("condition of %s", r.get("title")).contains(r.get("condition"));
    }
  }

  @Test
  void notificationPolicyRoutesToAProvisionedContactPoint() {
    Map<String, Object> n =
        Provisioning.map(
            Provisioning.load(
                Provisioning.GRAFANA.resolve(
                    "provisioning/alerting/ordertrace-notifications.yaml")));
    Set<Object> points =
        Provisioning.list(n.get("contactPoints")).stream()
            .map(c -> Provisioning.map(c).get("name"))
            .collect(Collectors.toSet());
    for (Object p : Provisioning.list(n.get("policies"))) {
      assertThat(points).contains(Provisioning.map(p).get("receiver"));
      Provisioning.list(Provisioning.map(p).get("routes"))
          .forEach(r -> assertThat(points).contains(Provisioning.map(r).get("receiver")));
    }
  }

  /** Every orgId/orgID/org_id anywhere in a parsed provisioning file. */
  private static void collectOrgIds(Object node, String where, Map<String, Object> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (List.of("orgid", "org_id").contains(k.toString().toLowerCase(Locale.ROOT))) {
              out.put(where + "." + k + " (" + out.size() + ")", v);
            }
            collectOrgIds(v, where + "." + k, out);
          });
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        collectOrgIds(l.get(i), where + "[" + i + "]", out);
      }
    }
  }

  @Test
  void noProvisioningFileNamesAnOrgOtherThan1BecauseGrafanaWouldRefuseToStart() throws Exception {
    // Grafana OSS cannot create orgs from files, and at startup it fails provisioning (and stops)
    // for any datasource, dashboard provider or alerting resource of an org that does not exist
    // yet: on a fresh Grafana only org 1 exists. The Support org is bootstrap.sh's job.
    Map<String, Object> orgIds = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (String dir :
        List.of("provisioning/datasources", "provisioning/dashboards", "provisioning/alerting")) {
      files.addAll(Provisioning.files(dir, ".yaml", ".yml", ".json"));
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    for (Path f : files) {
      collectOrgIds(Provisioning.load(f), Provisioning.GRAFANA.relativize(f).toString(), orgIds);
    }
    assertThat(orgIds).as("orgIds named in provisioning files").isNotEmpty();
    orgIds.forEach((where, id) -> assertThat(Objects.toString(id)).as(where).isEqualTo("1"));
    // and every datasource and provider without an orgId defaults to 1 (checked for completeness)
    assertThat(Provisioning.datasources().keySet()).allMatch(k -> k.startsWith("1/"));
    assertThat(providersByOrgPath().keySet()).allMatch(k -> k.startsWith("1 "));
  }

  @Test
  void theSupportOrgGetsOnlyTheOrderLookupDashboard() {
    // bootstrap.sh imports exactly one dashboard file into the Support org; no file provisioning
    // does
    assertThat(Provisioning.filesBootstrapUses("dashboards/"))
        .containsExactly("dashboards/support/order-lookup.json");
    Map<Path, Set<Integer>> orgs = orgsOfDashboards();
    List<Object> support =
        orgs.entrySet().stream()
            .filter(e -> e.getValue().contains(SUPPORT_ORG))
            .map(e -> Provisioning.dashboards().get(e.getKey()).get("uid"))
            .toList();
    assertThat(support).containsExactly("ordertrace-order-lookup");
    // and its only datasource is the one bootstrap.sh creates: Support's own Jaeger (role support)
    assertThat(Provisioning.filesBootstrapUses("support-org/"))
        .containsExactly("support-org/jaeger-datasource.json");
    assertThat(Provisioning.files("support-org", ".json", ".yaml", ".yml")).hasSize(1);
    assertThat(
            datasourcesOfAllOrgs().keySet().stream()
                .filter(k -> k.startsWith(SUPPORT_ORG + "/"))
                .toList())
        .containsExactly(SUPPORT_ORG + "/ordertrace-jaeger");
    assertThat(gatewayHeaders(Provisioning.supportDatasource()))
        .containsEntry("X-Ordertrace-Role", "support");
    // every query of the Order lookup is constrained by the order id, as the gateway demands of
    // Support: searches carry exactly the order id (and a stage or a failed stage), the trace
    // panel a trace id clicked in those searches' results
    List<Provisioning.Query> lookup =
        Provisioning.dashboardQueries().stream()
            .filter(q -> q.source().startsWith("order-lookup.json"))
            .toList();
    assertThat(lookup).hasSize(10);
    for (Provisioning.Query q : lookup) {
      assertThat(q.datasourceType()).as(q.toString()).isEqualTo("jaeger");
      if ("search".equals(q.queryType())) {
        assertThat(q.target().get("tags").toString())
            .as(q.toString())
            .matches(
                "order\\.id=\\$\\{order_id:json}( order\\.stage(\\.failed)?=(created|approved|in_production|shipped))?");
      } else {
        assertThat(q.target())
            .as(q.toString())
            .doesNotContainKey("queryType")
            .containsEntry("query", "${trace_id}");
      }
    }
  }

  @Test
  void grafanaIniIsLockedDown() throws Exception {
    Map<String, Map<String, String>> ini =
        Ini.parse(
            Files.readString(Provisioning.GRAFANA.resolve("grafana.ini"), StandardCharsets.UTF_8));
    assertThat(ini.get("auth.anonymous")).containsEntry("enabled", "false");
    assertThat(ini.get("auth")).containsEntry("disable_login_form", "true");
    assertThat(ini.get("auth.basic")).containsEntry("enabled", "false");
    assertThat(ini.get("auth.generic_oauth"))
        .containsEntry("enabled", "true")
        .containsKey("role_attribute_path")
        .containsEntry("client_secret", "$__env{GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET}");
    assertThat(ini.get("auth.generic_oauth").get("role_attribute_path"))
        .contains("ordertrace-admins")
        .contains("ordertrace-developers")
        .contains("ordertrace-support");
    assertThat(ini.get("auth.generic_oauth").get("org_mapping"))
        .contains("ordertrace-support:Support:Viewer")
        .contains("ordertrace-developers:Engineering:Editor");
    assertThat(ini.get("users"))
        .containsEntry("allow_sign_up", "false")
        .containsEntry("viewers_can_edit", "false");
    assertThat(ini.get("explore")).containsEntry("enabled", "true");
    assertThat(ini.get("dataproxy")).containsEntry("send_user_header", "true");
    assertThat(ini.get("server"))
        .containsEntry("protocol", "https")
        .containsEntry("router_logging", "true");
    assertThat(ini.get("security"))
        .containsEntry("cookie_secure", "true")
        .containsEntry("disable_gravatar", "true");
    assertThat(ini.get("analytics"))
        .containsEntry("reporting_enabled", "false")
        .containsEntry("check_for_updates", "false");
  }
}
