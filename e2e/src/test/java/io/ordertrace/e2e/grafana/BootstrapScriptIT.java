/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ordertrace.e2e.pipeline.PipelineProcesses;
import io.ordertrace.testing.Command;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * grafana/bootstrap.sh against a small FAKE Grafana HTTP API (no Grafana server can be run on the
 * build machines: no Docker, no Grafana package, the Go proxy does not serve grafana v12). The fake
 * keeps state (orgs, teams, folders, permissions) like Grafana and records every call; the script
 * must create what is missing, and a second run must change nothing.
 */
class BootstrapScriptIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "s3cret-bootstrap";
  private static final String GATEWAY_SECRET = "gw-s3cret-7f1d2c";
  private static final String GATEWAY_URL = "https://gateway.test:3201";
  // dummy PEM text: the script only reads the files and sends their content
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\nCAfake\n-----END CERTIFICATE-----\n";
  private static final String CLIENT_CERT_PEM =
      "-----BEGIN CERTIFICATE-----\nCLIENTfake\n-----END CERTIFICATE-----\n";
  private static final String CLIENT_KEY_PEM =
      "-----BEGIN PRIVATE KEY-----\nKEYfake-s3cret\n-----END PRIVATE KEY-----\n";

  private HttpServer server;
  private final List<String> calls = new ArrayList<>();
  private final Map<Integer, String> orgs = new LinkedHashMap<>();
  private final Map<Integer, List<Integer>> orgMembers = new LinkedHashMap<>();

  /** org -> team name -> id */
  private final Map<Integer, Map<String, Integer>> teams = new LinkedHashMap<>();

  /** org/uid -> title */
  private final Map<String, String> folders = new LinkedHashMap<>();

  /** org/uid -> permission items JSON */
  private final Map<String, List<Map<String, Object>>> permissions = new LinkedHashMap<>();

  private int nextTeam = 1;

  /** org/uid -> datasource as sent (with secureJsonData, which Grafana never returns) */
  private final Map<String, Map<String, Object>> datasources = new LinkedHashMap<>();

  /** org/uid -> {dashboard, folderUid} as saved */
  private final Map<String, Map<String, Object>> dashboards = new LinkedHashMap<>();

  /** every request body, to check that no secret is sent where it does not belong */
  private final List<String> bodies = new ArrayList<>();

  private int nextId = 1;
  @org.junit.jupiter.api.io.TempDir Path certs;

  @BeforeEach
  void startFake() throws IOException {
    orgs.put(1, "Main Org.");
    orgMembers.put(1, new ArrayList<>(List.of(1)));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopFake() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  // a router over path patterns: each branch binds the matcher its body reads
  @SuppressWarnings({"unchecked", "AssignmentExpression"})
  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String orgHeader = ex.getRequestHeaders().getFirst("X-Grafana-Org-Id");
    int org = orgHeader == null ? 1 : Integer.parseInt(orgHeader);
    synchronized (calls) {
      calls.add(method + " " + path + (orgHeader == null ? "" : " org=" + orgHeader));
      bodies.add(body);
    }
    if (path.equals("/api/health")) {
      reply(ex, 200, "{\"database\":\"ok\",\"version\":\"12.2.0\"}");
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      reply(ex, 401, "{\"message\":\"invalid username or password\"}");
      return;
    }
    if (!orgMembers.getOrDefault(org, List.of()).contains(1)) {
      reply(ex, 401, "{\"message\":\"user not a member of org\"}");
      return;
    }
    Map<String, Object> json =
        body.isEmpty() ? Map.of() : (Map<String, Object>) new Yaml().load(body);
    Matcher m;
    if (method.equals("GET") && path.equals("/api/user")) {
      reply(ex, 200, "{\"id\":1,\"login\":\"admin\",\"isGrafanaAdmin\":true}");
    } else if ((m = Pattern.compile("/api/orgs/(\\d+)").matcher(path)).matches()) {
      int id = Integer.parseInt(m.group(1));
      if (method.equals("GET")) {
        reply(
            ex,
            orgs.containsKey(id) ? 200 : 404,
            "{\"id\":" + id + ",\"name\":\"" + orgs.get(id) + "\"}");
      } else {
        orgs.put(id, json.get("name").toString());
        reply(ex, 200, "{\"message\":\"Organization updated\"}");
      }
    } else if ((m = Pattern.compile("/api/orgs/name/(.+)").matcher(path)).matches()) {
      String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      Integer id =
          orgs.entrySet().stream()
              .filter(e -> e.getValue().equals(name))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      reply(
          ex,
          id == null ? 404 : 200,
          id == null
              ? "{\"message\":\"not found\"}"
              : "{\"id\":" + id + ",\"name\":\"" + name + "\"}");
    } else if (method.equals("POST") && path.equals("/api/orgs")) {
      int id = orgs.size() + 1;
      orgs.put(id, json.get("name").toString());
      orgMembers.put(id, new ArrayList<>(List.of(1)));
      reply(ex, 200, "{\"orgId\":" + id + ",\"message\":\"Organization created\"}");
    } else if ((m = Pattern.compile("/api/orgs/(\\d+)/users").matcher(path)).matches()) {
      int id = Integer.parseInt(m.group(1));
      if (method.equals("GET")) {
        reply(
            ex,
            200,
            orgMembers.get(id).contains(1)
                ? "[{\"userId\":1,\"login\":\"admin\",\"role\":\"Admin\"}]"
                : "[]");
      } else {
        orgMembers.get(id).add(1);
        reply(ex, 200, "{\"message\":\"User added\"}");
      }
    } else if (method.equals("GET") && path.equals("/api/teams/search")) {
      String name = URLDecoder.decode(query.replaceFirst(".*name=", ""), StandardCharsets.UTF_8);
      Integer id = teams.getOrDefault(org, Map.of()).get(name);
      reply(
          ex,
          200,
          id == null
              ? "{\"totalCount\":0,\"teams\":[]}"
              : "{\"totalCount\":1,\"teams\":[{\"id\":"
                  + id
                  + ",\"orgId\":"
                  + org
                  + ",\"name\":\""
                  + name
                  + "\"}]}");
    } else if (method.equals("POST") && path.equals("/api/teams")) {
      int id = nextTeam++;
      teams.computeIfAbsent(org, k -> new LinkedHashMap<>()).put(json.get("name").toString(), id);
      reply(ex, 200, "{\"teamId\":" + id + ",\"message\":\"Team created\"}");
    } else if ((m = Pattern.compile("/api/folders/([^/]+)").matcher(path)).matches()
        && method.equals("GET")) {
      String title = folders.get(org + "/" + m.group(1));
      reply(
          ex,
          title == null ? 404 : 200,
          title == null
              ? "{\"message\":\"folder not found\"}"
              : "{\"uid\":\"" + m.group(1) + "\",\"title\":\"" + title + "\"}");
    } else if (method.equals("POST") && path.equals("/api/folders")) {
      String key = org + "/" + json.get("uid");
      folders.put(key, json.get("title").toString());
      // Grafana's defaults for a new folder: Editor edits, Viewer views, creator admin
      permissions.put(
          key,
          new ArrayList<>(
              List.of(
                  Map.of("role", "Editor", "permission", 2),
                  Map.of("role", "Viewer", "permission", 1),
                  Map.of("userId", 1, "permission", 4))));
      reply(ex, 200, "{\"uid\":\"" + json.get("uid") + "\"}");
    } else if ((m = Pattern.compile("/api/folders/([^/]+)/permissions").matcher(path)).matches()) {
      String key = org + "/" + m.group(1);
      String folderUid = m.group(1);
      if (!folders.containsKey(key)) {
        reply(ex, 404, "{}");
      } else if (method.equals("GET")) {
        String items =
            permissions.get(key).stream()
                .map(
                    p ->
                        "{"
                            + p.entrySet().stream()
                                .map(
                                    e ->
                                        "\""
                                            + e.getKey()
                                            + "\":"
                                            + (e.getValue() instanceof String
                                                ? "\"" + e.getValue() + "\""
                                                : e.getValue()))
                                .collect(Collectors.joining(","))
                            + ",\"uid\":\""
                            + folderUid
                            + "\",\"inherited\":false}")
                .collect(Collectors.joining(","));
        reply(ex, 200, "[" + items + "]");
      } else {
        permissions.put(key, (List<Map<String, Object>>) json.get("items"));
        reply(ex, 200, "{\"message\":\"Folder permissions updated\"}");
      }
    } else if ((m = Pattern.compile("/api/datasources/uid/([^/]+)").matcher(path)).matches()) {
      String key = org + "/" + m.group(1);
      Map<String, Object> ds = datasources.get(key);
      if (ds == null) {
        reply(ex, 404, "{\"message\":\"Data source not found\"}");
      } else if (method.equals("GET")) {
        // like Grafana: secure values are write-only, only their names come back
        Map<String, Object> out = new LinkedHashMap<>(ds);
        Map<String, Object> secure = Provisioning.map(out.remove("secureJsonData"));
        Map<String, Object> fields = new LinkedHashMap<>();
        secure.keySet().forEach(k -> fields.put(k, true));
        out.put("secureJsonFields", fields);
        out.put("orgId", org);
        out.put("readOnly", false);
        out.put("basicAuth", false);
        out.put("version", 1);
        reply(ex, 200, Json.write(out));
      } else if (method.equals("DELETE")) {
        datasources.remove(key);
        reply(ex, 200, "{\"message\":\"Data source deleted\"}");
      } else if (method.equals("PUT")) {
        Map<String, Object> next = new LinkedHashMap<>(json);
        next.put("id", ds.get("id"));
        Map<String, Object> secure =
            new LinkedHashMap<>(Provisioning.map(ds.get("secureJsonData")));
        secure.putAll(Provisioning.map(json.get("secureJsonData")));
        next.put("secureJsonData", secure);
        datasources.put(key, next);
        reply(ex, 200, "{\"message\":\"Datasource updated\"}");
      } else {
        reply(ex, 405, "{}");
      }
    } else if (method.equals("POST") && path.equals("/api/datasources")) {
      String key = org + "/" + json.get("uid");
      if (datasources.containsKey(key)) {
        reply(ex, 409, "{\"message\":\"data source with the same uid already exists\"}");
      } else {
        Map<String, Object> ds = new LinkedHashMap<>(json);
        ds.put("id", nextId++);
        datasources.put(key, ds);
        reply(ex, 200, "{\"id\":" + ds.get("id") + ",\"message\":\"Datasource added\"}");
      }
    } else if ((m = Pattern.compile("/api/dashboards/uid/([^/]+)").matcher(path)).matches()
        && method.equals("GET")) {
      Map<String, Object> saved = dashboards.get(org + "/" + m.group(1));
      if (saved == null) {
        reply(ex, 404, "{\"message\":\"Dashboard not found\"}");
      } else {
        reply(
            ex,
            200,
            Json.write(
                Map.of(
                    "dashboard",
                    saved.get("dashboard"),
                    "meta",
                    Map.of("folderUid", saved.get("folderUid"), "provisioned", false))));
      }
    } else if (method.equals("POST") && path.equals("/api/dashboards/db")) {
      Map<String, Object> d = new LinkedHashMap<>(Provisioning.map(json.get("dashboard")));
      String key = org + "/" + d.get("uid");
      Map<String, Object> before = dashboards.get(key);
      if (before != null && !Boolean.TRUE.equals(json.get("overwrite"))) {
        reply(ex, 412, "{\"status\":\"version-mismatch\"}");
        return;
      }
      if (!folders.containsKey(org + "/" + json.get("folderUid"))) {
        reply(ex, 400, "{\"message\":\"folder not found\"}");
        return;
      }
      Map<String, Object> old =
          before == null ? Map.of() : Provisioning.map(before.get("dashboard"));
      d.put("id", old.getOrDefault("id", nextId++));
      d.put("version", ((Integer) old.getOrDefault("version", 0)) + 1);
      dashboards.put(
          key, new LinkedHashMap<>(Map.of("dashboard", d, "folderUid", json.get("folderUid"))));
      reply(ex, 200, "{\"status\":\"success\",\"uid\":\"" + d.get("uid") + "\"}");
    } else {
      reply(ex, 404, "{\"message\":\"fake: no such endpoint\"}");
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private record Result(int exit, String output) {}

  private Result bootstrap(String url, String password, String... args) throws Exception {
    return bootstrap(url, password, Map.of(), args);
  }

  private Result bootstrap(String url, String password, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("bash", Provisioning.GRAFANA.resolve("bootstrap.sh").toString()));
    cmd.addAll(List.of(args));
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("GRAFANA_URL", url);
    variables.put("GRAFANA_ADMIN_USER", USER);
    variables.put("GRAFANA_ADMIN_PASSWORD", password);
    variables.put("ORDERTRACE_GATEWAY_SECRET", GATEWAY_SECRET);
    variables.put("ORDERTRACE_GATEWAY_URL", GATEWAY_URL);
    variables.put("ORDERTRACE_GATEWAY_CA_CERT", cert("ca.crt", CA_PEM).toString());
    variables.put(
        "ORDERTRACE_GRAFANA_CLIENT_CERT", cert("grafana-client.crt", CLIENT_CERT_PEM).toString());
    variables.put(
        "ORDERTRACE_GRAFANA_CLIENT_KEY", cert("grafana-client.key", CLIENT_KEY_PEM).toString());
    variables.putAll(env); // a null value removes the variable
    // a curl in front of the real one that records its command line and the mode of its -K file
    variables.put("PATH", curlSpy().getParent() + ":" + System.getenv("PATH"));
    variables.put("CURL_SPY_LOG", certs.resolve("curl-argv.log").toString());
    Command.Result result = Command.builder(cmd).env(variables).errorToOutput().run();
    return new Result(result.exitCode(), result.output());
  }

  /**
   * bin/curl that logs every argument line and the mode of the -K file, then runs the real curl.
   */
  private Path curlSpy() throws IOException {
    Path bin = certs.resolve("bin");
    Path spy = bin.resolve("curl");
    if (!Files.exists(spy)) {
      Files.createDirectories(bin);
      String real = realCurl();
      Files.writeString(
          spy,
          String.join(
              "\n",
              "#!/usr/bin/env bash",
              "printf '%s\\n' \"ARGV $*\" >>\"$CURL_SPY_LOG\"",
              "prev=",
              "for a in \"$@\"; do",
              "  if [[ \"$prev\" == -K ]]; then printf 'CONFIG %s %s\\n' \"$(stat -c %a \"$a\")\" \"$a\" >>\"$CURL_SPY_LOG\"; fi",
              "  prev=\"$a\"",
              "done",
              "exec " + real + " \"$@\"",
              ""),
          StandardCharsets.UTF_8);
      spy.toFile().setExecutable(true);
    }
    return spy;
  }

  private static String realCurl() throws IOException {
    for (String dir : System.getenv("PATH").split(":", -1)) {
      Path c = Path.of(dir, "curl");
      if (Files.isExecutable(c)) {
        return c.toString();
      }
    }
    throw new IOException("curl not found on PATH");
  }

  private List<String> curlLog() throws IOException {
    Path log = certs.resolve("curl-argv.log");
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  private Path cert(String name, String pem) throws IOException {
    Path f = certs.resolve(name);
    if (!Files.exists(f)) {
      Files.writeString(f, pem, StandardCharsets.UTF_8);
    }
    return f;
  }

  private List<String> writes() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.startsWith("GET ")).toList();
    }
  }

  @Test
  void
      createsOrgsTeamsFoldersPermissionsAndTheSupportOrgsDatasourceAndDashboardThenASecondRunChangesNothing()
          throws Exception {
    Result first = bootstrap(url(), PASSWORD);
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(orgs).containsEntry(1, "Engineering").containsEntry(2, "Support").hasSize(2);
    assertThat(teams.get(1)).containsOnlyKeys("Developers", "Admins");
    assertThat(teams.get(2)).containsOnlyKeys("Support");
    assertThat(folders)
        .containsEntry("1/ordertrace-engineering", "Ordertrace")
        .containsEntry("2/ordertrace-support", "Order lookup");
    // Support's folder: view only, for Viewers and the Support team -- no Editor, no admin grants
    assertThat(permissions.get("2/ordertrace-support"))
        .containsExactlyInAnyOrder(
            Map.of("role", "Viewer", "permission", 1),
            Map.of("teamId", teams.get(2).get("Support"), "permission", 1));
    assertThat(permissions.get("1/ordertrace-engineering"))
        .contains(
            Map.of("teamId", teams.get(1).get("Admins"), "permission", 4),
            Map.of("role", "Editor", "permission", 1));
    // no provisioning reload any more: no file provisions the Support org (Grafana would not start)
    assertThat(writes()).noneMatch(w -> w.contains("/api/admin/provisioning/"));

    // the Support org's Jaeger datasource: only in org 2, through the gateway, role support
    assertThat(datasources).containsOnlyKeys("2/ordertrace-jaeger");
    Map<String, Object> ds = datasources.get("2/ordertrace-jaeger");
    assertThat(ds)
        .containsEntry("type", "jaeger")
        .containsEntry("url", GATEWAY_URL)
        .containsEntry("access", "proxy");
    Map<String, Object> json = Provisioning.map(ds.get("jsonData"));
    Map<String, Object> secure = Provisioning.map(ds.get("secureJsonData"));
    Map<String, Object> headers = new LinkedHashMap<>();
    for (int i = 1; json.containsKey("httpHeaderName" + i); i++) {
      headers.put(json.get("httpHeaderName" + i).toString(), secure.get("httpHeaderValue" + i));
    }
    assertThat(headers)
        .containsExactly(
            Map.entry("X-Ordertrace-Gateway-Secret", GATEWAY_SECRET),
            Map.entry("X-Ordertrace-Role", "support"));
    assertThat(json)
        .containsEntry("tlsAuth", true)
        .containsEntry("tlsAuthWithCACert", true)
        .containsEntry("serverName", "gateway");
    assertThat(secure)
        .containsEntry("tlsCACert", CA_PEM)
        .containsEntry("tlsClientCert", CLIENT_CERT_PEM)
        .containsEntry("tlsClientKey", CLIENT_KEY_PEM);
    // the secrets travel only in the datasource's secureJsonData: never in a URL, never in the
    // output
    assertThat(calls).noneMatch(c -> c.contains(GATEWAY_SECRET));
    synchronized (calls) {
      for (int i = 0; i < calls.size(); i++) {
        if (bodies.get(i).contains(GATEWAY_SECRET) || bodies.get(i).contains("KEYfake")) {
          assertThat(calls.get(i))
              .as("a call that carries the secrets")
              .isEqualTo("POST /api/datasources org=2");
        }
      }
    }
    assertThat(first.output())
        .doesNotContain(GATEWAY_SECRET)
        .doesNotContain("KEYfake")
        .doesNotContain(PASSWORD);
    assertThat(writes())
        .contains("POST /api/datasources org=2")
        .doesNotContain("POST /api/datasources", "POST /api/datasources org=1");

    // the Support org's only dashboard: Order lookup, in its folder, same content as the file
    assertThat(dashboards).containsOnlyKeys("2/ordertrace-order-lookup");
    Map<String, Object> saved = dashboards.get("2/ordertrace-order-lookup");
    assertThat(saved).containsEntry("folderUid", "ordertrace-support");
    Map<String, Object> file =
        new LinkedHashMap<>(
            Provisioning.map(
                Provisioning.load(
                    Provisioning.GRAFANA.resolve("dashboards/support/order-lookup.json"))));
    Map<String, Object> got = new LinkedHashMap<>(Provisioning.map(saved.get("dashboard")));
    for (String k : List.of("id", "version")) {
      file.remove(k);
      got.remove(k);
    }
    assertThat(got).isEqualTo(file);
    assertThat(writes()).contains("POST /api/dashboards/db org=2");

    // second run: reads only -- no creation, no update (decided: an unchanged state gets NO write)
    synchronized (calls) {
      calls.clear();
      bodies.clear();
    }
    Map<String, Map<String, Object>> dsBefore = new LinkedHashMap<>(datasources);
    Map<String, Map<String, Object>> dbBefore = new LinkedHashMap<>(dashboards);
    Result second = bootstrap(url(), PASSWORD);
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(writes()).as("writes of the second run").isEmpty();
    assertThat(calls)
        .contains(
            "GET /api/datasources/uid/ordertrace-jaeger org=2",
            "GET /api/dashboards/uid/ordertrace-order-lookup org=2");
    assertThat(datasources).isEqualTo(dsBefore);
    assertThat(dashboards).isEqualTo(dbBefore);
    assertThat(second.output()).contains("nothing to do").doesNotContain(GATEWAY_SECRET);
  }

  @Test
  void driftOfTheSupportDatasourceOrDashboardIsPutBackAndSecretsAreResentOnlyWhenAsked()
      throws Exception {
    assertThat(bootstrap(url(), PASSWORD).exit()).isZero();
    // someone edits the dashboard in the UI and points the datasource elsewhere
    Provisioning.map(dashboards.get("2/ordertrace-order-lookup").get("dashboard"))
        .put("title", "edited in the UI");
    datasources.get("2/ordertrace-jaeger").put("url", "http://jaeger:16686");
    synchronized (calls) {
      calls.clear();
      bodies.clear();
    }
    Result r = bootstrap(url(), PASSWORD);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(writes())
        .containsExactly(
            "PUT /api/datasources/uid/ordertrace-jaeger org=2", "POST /api/dashboards/db org=2");
    assertThat(datasources.get("2/ordertrace-jaeger")).containsEntry("url", GATEWAY_URL);
    assertThat(Provisioning.map(dashboards.get("2/ordertrace-order-lookup").get("dashboard")))
        .containsEntry("title", "Order lookup");
    assertThat(r.output()).doesNotContain(GATEWAY_SECRET);

    // a rotated secret cannot be seen through the API (write-only): --update-secrets sends it
    synchronized (calls) {
      calls.clear();
      bodies.clear();
    }
    Result same = bootstrap(url(), PASSWORD, Map.of("ORDERTRACE_GATEWAY_SECRET", "rotated-s3cret"));
    assertThat(same.exit()).as(same.output()).isZero();
    assertThat(writes()).isEmpty();
    Result rotated =
        bootstrap(
            url(),
            PASSWORD,
            Map.of("ORDERTRACE_GATEWAY_SECRET", "rotated-s3cret"),
            "--update-secrets");
    assertThat(rotated.exit()).as(rotated.output()).isZero();
    assertThat(writes()).containsExactly("PUT /api/datasources/uid/ordertrace-jaeger org=2");
    assertThat(Provisioning.map(datasources.get("2/ordertrace-jaeger").get("secureJsonData")))
        .containsEntry("httpHeaderValue1", "rotated-s3cret");
    assertThat(rotated.output()).doesNotContain("rotated-s3cret");
  }

  @Test
  void aMissingGatewaySecretOrCertificateStopsBeforeAnyCall() throws Exception {
    Result noSecret =
        bootstrap(
            url(), PASSWORD, java.util.Collections.singletonMap("ORDERTRACE_GATEWAY_SECRET", null));
    assertThat(noSecret.exit()).isNotZero();
    assertThat(noSecret.output()).contains("ORDERTRACE_GATEWAY_SECRET");
    Result noKey =
        bootstrap(
            url(),
            PASSWORD,
            Map.of("ORDERTRACE_GRAFANA_CLIENT_KEY", certs.resolve("missing.key").toString()));
    assertThat(noKey.exit()).isNotZero();
    assertThat(noKey.output()).contains("cannot read").contains("missing.key");
    assertThat(calls).isEmpty();
  }

  @Test
  void theAdminPasswordNeverAppearsOnCurlsCommandLineAndItsConfigFileIsPrivateAndRemoved()
      throws Exception {
    Result r = bootstrap(url(), PASSWORD);
    assertThat(r.exit()).as(r.output()).isZero();
    List<String> log = curlLog();
    assertThat(log)
        .filteredOn(l -> l.startsWith("ARGV "))
        .hasSizeGreaterThan(10)
        .noneMatch(l -> l.contains(PASSWORD))
        .noneMatch(l -> l.contains(GATEWAY_SECRET))
        .noneMatch(l -> l.contains("KEYfake"));
    List<String> configs = log.stream().filter(l -> l.startsWith("CONFIG ")).toList();
    assertThat(configs).isNotEmpty().allMatch(l -> l.startsWith("CONFIG 600 "));
    for (String c : configs) {
      assertThat(Path.of(c.substring("CONFIG 600 ".length())))
          .as("curl config file after the run")
          .doesNotExist();
    }
  }

  @Test
  void theTempoDatasourceOfEarlierVersionsIsDeletedFromTheSupportOrg() throws Exception {
    assertThat(bootstrap(url(), PASSWORD).exit()).isZero();
    datasources.put(
        "2/ordertrace-tempo",
        new LinkedHashMap<>(Map.of("uid", "ordertrace-tempo", "type", "tempo", "id", 99)));
    synchronized (calls) {
      calls.clear();
      bodies.clear();
    }
    Result r = bootstrap(url(), PASSWORD);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(writes()).containsExactly("DELETE /api/datasources/uid/ordertrace-tempo org=2");
    assertThat(datasources).containsOnlyKeys("2/ordertrace-jaeger");
    assertThat(r.output()).contains("ordertrace-tempo deleted");
  }

  @Test
  void badArgumentsAndSettingsStopBeforeAnyCall() throws Exception {
    Result unknown = bootstrap(url(), PASSWORD, "--frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).contains("bootstrap: unknown argument '--frobnicate'");
    Result badUrl = bootstrap("grafana:3000", PASSWORD);
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.output()).contains("GRAFANA_URL");
    Result gatewayPath =
        bootstrap(url(), PASSWORD, Map.of("ORDERTRACE_GATEWAY_URL", "https://gw:3201/jaeger"));
    assertThat(gatewayPath.exit()).isEqualTo(2);
    assertThat(gatewayPath.output()).contains("ORDERTRACE_GATEWAY_URL");
    Result noPassword = bootstrap(url(), "");
    assertThat(noPassword.exit()).isNotZero();
    assertThat(noPassword.output()).contains("GRAFANA_ADMIN_PASSWORD");
    Result help = bootstrap(url(), PASSWORD, "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.output())
        .contains("Usage:")
        .contains("--update-secrets")
        .doesNotContain("set -euo");
    assertThat(calls).isEmpty();
  }

  @Test
  void wrongCredentialsAreReportedClearly() throws Exception {
    Result r = bootstrap(url(), "wrong");
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("refused the credentials").contains("GF_AUTH_BASIC_ENABLED");
    assertThat(writes()).isEmpty();
  }

  @Test
  void anUnreachableGrafanaIsReportedClearly() throws Exception {
    Result r = bootstrap("http://127.0.0.1:" + PipelineProcesses.freePort(), PASSWORD);
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("not reachable");
  }

  /** The fake's answers as JSON. */
  private static final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String write(Object o) {
      try {
        return MAPPER.writeValueAsString(o);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
