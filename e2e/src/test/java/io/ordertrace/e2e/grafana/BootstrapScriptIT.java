package io.ordertrace.e2e.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * grafana/bootstrap.sh against a small FAKE Grafana HTTP API (no Grafana server can be run on
 * the build machines: no Docker, no Grafana package, the Go proxy does not serve grafana v12).
 * The fake keeps state (orgs, teams, folders, permissions) like Grafana and records every call;
 * the script must create what is missing, and a second run must change nothing.
 */
class BootstrapScriptIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "s3cret-bootstrap";

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

  @SuppressWarnings("unchecked")
  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String orgHeader = ex.getRequestHeaders().getFirst("X-Grafana-Org-Id");
    int org = orgHeader == null ? 1 : Integer.parseInt(orgHeader);
    synchronized (calls) {
      calls.add(method + " " + path + (orgHeader == null ? "" : " org=" + orgHeader));
    }
    if (path.equals("/api/health")) {
      reply(ex, 200, "{\"database\":\"ok\",\"version\":\"12.2.0\"}");
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      reply(ex, 401, "{\"message\":\"invalid username or password\"}");
      return;
    }
    if (!orgMembers.getOrDefault(org, List.of()).contains(1)) {
      reply(ex, 401, "{\"message\":\"user not a member of org\"}");
      return;
    }
    Map<String, Object> json = body.isEmpty() ? Map.of() : (Map<String, Object>) new Yaml().load(body);
    Matcher m;
    if (method.equals("GET") && path.equals("/api/user")) {
      reply(ex, 200, "{\"id\":1,\"login\":\"admin\",\"isGrafanaAdmin\":true}");
    } else if ((m = Pattern.compile("/api/orgs/(\\d+)").matcher(path)).matches()) {
      int id = Integer.parseInt(m.group(1));
      if (method.equals("GET")) {
        reply(ex, orgs.containsKey(id) ? 200 : 404, "{\"id\":" + id + ",\"name\":\"" + orgs.get(id) + "\"}");
      } else {
        orgs.put(id, json.get("name").toString());
        reply(ex, 200, "{\"message\":\"Organization updated\"}");
      }
    } else if ((m = Pattern.compile("/api/orgs/name/(.+)").matcher(path)).matches()) {
      String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      Integer id = orgs.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst().orElse(null);
      reply(ex, id == null ? 404 : 200, id == null ? "{\"message\":\"not found\"}" : "{\"id\":" + id + ",\"name\":\"" + name + "\"}");
    } else if (method.equals("POST") && path.equals("/api/orgs")) {
      int id = orgs.size() + 1;
      orgs.put(id, json.get("name").toString());
      orgMembers.put(id, new ArrayList<>(List.of(1)));
      reply(ex, 200, "{\"orgId\":" + id + ",\"message\":\"Organization created\"}");
    } else if ((m = Pattern.compile("/api/orgs/(\\d+)/users").matcher(path)).matches()) {
      int id = Integer.parseInt(m.group(1));
      if (method.equals("GET")) {
        reply(ex, 200, orgMembers.get(id).contains(1) ? "[{\"userId\":1,\"login\":\"admin\",\"role\":\"Admin\"}]" : "[]");
      } else {
        orgMembers.get(id).add(1);
        reply(ex, 200, "{\"message\":\"User added\"}");
      }
    } else if (method.equals("GET") && path.equals("/api/teams/search")) {
      String name = URLDecoder.decode(query.replaceFirst(".*name=", ""), StandardCharsets.UTF_8);
      Integer id = teams.getOrDefault(org, Map.of()).get(name);
      reply(ex, 200, id == null ? "{\"totalCount\":0,\"teams\":[]}"
          : "{\"totalCount\":1,\"teams\":[{\"id\":" + id + ",\"orgId\":" + org + ",\"name\":\"" + name + "\"}]}");
    } else if (method.equals("POST") && path.equals("/api/teams")) {
      int id = nextTeam++;
      teams.computeIfAbsent(org, k -> new LinkedHashMap<>()).put(json.get("name").toString(), id);
      reply(ex, 200, "{\"teamId\":" + id + ",\"message\":\"Team created\"}");
    } else if ((m = Pattern.compile("/api/folders/([^/]+)").matcher(path)).matches() && method.equals("GET")) {
      String title = folders.get(org + "/" + m.group(1));
      reply(ex, title == null ? 404 : 200, title == null ? "{\"message\":\"folder not found\"}"
          : "{\"uid\":\"" + m.group(1) + "\",\"title\":\"" + title + "\"}");
    } else if (method.equals("POST") && path.equals("/api/folders")) {
      String key = org + "/" + json.get("uid");
      folders.put(key, json.get("title").toString());
      // Grafana's defaults for a new folder: Editor edits, Viewer views, creator admin
      permissions.put(key, new ArrayList<>(List.of(Map.of("role", "Editor", "permission", 2), Map.of("role", "Viewer", "permission", 1),
          Map.of("userId", 1, "permission", 4))));
      reply(ex, 200, "{\"uid\":\"" + json.get("uid") + "\"}");
    } else if ((m = Pattern.compile("/api/folders/([^/]+)/permissions").matcher(path)).matches()) {
      String key = org + "/" + m.group(1);
      String folderUid = m.group(1);
      if (!folders.containsKey(key)) {
        reply(ex, 404, "{}");
      } else if (method.equals("GET")) {
        String items = permissions.get(key).stream().map(p -> "{" + p.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String ? "\"" + e.getValue() + "\"" : e.getValue()))
            .collect(Collectors.joining(",")) + ",\"uid\":\"" + folderUid + "\",\"inherited\":false}").collect(Collectors.joining(","));
        reply(ex, 200, "[" + items + "]");
      } else {
        permissions.put(key, (List<Map<String, Object>>) json.get("items"));
        reply(ex, 200, "{\"message\":\"Folder permissions updated\"}");
      }
    } else if (method.equals("POST") && path.startsWith("/api/admin/provisioning/")) {
      reply(ex, 200, "{\"message\":\"reloaded\"}");
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

  private Result bootstrap(String url, String password) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", Provisioning.GRAFANA.resolve("bootstrap.sh").toString()).redirectErrorStream(true);
    pb.environment().put("GRAFANA_URL", url);
    pb.environment().put("GRAFANA_ADMIN_USER", USER);
    pb.environment().put("GRAFANA_ADMIN_PASSWORD", password);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private List<String> writes() {
    synchronized (calls) {
      return calls.stream().filter(c -> !c.startsWith("GET ")).toList();
    }
  }

  @Test
  void createsOrgsTeamsFoldersAndPermissionsThenASecondRunChangesNothing() throws Exception {
    Result first = bootstrap(url(), PASSWORD);
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(orgs).containsEntry(1, "Engineering").containsEntry(2, "Support").hasSize(2);
    assertThat(teams.get(1)).containsOnlyKeys("Developers", "Admins");
    assertThat(teams.get(2)).containsOnlyKeys("Support");
    assertThat(folders).containsEntry("1/ordertrace-engineering", "Ordertrace").containsEntry("2/ordertrace-support", "Order lookup");
    // Support's folder: view only, for Viewers and the Support team -- no Editor, no admin grants
    assertThat(permissions.get("2/ordertrace-support")).containsExactlyInAnyOrder(
        Map.of("role", "Viewer", "permission", 1), Map.of("teamId", teams.get(2).get("Support"), "permission", 1));
    assertThat(permissions.get("1/ordertrace-engineering")).contains(
        Map.of("teamId", teams.get(1).get("Admins"), "permission", 4), Map.of("role", "Editor", "permission", 1));
    assertThat(writes()).contains("POST /api/admin/provisioning/datasources/reload", "POST /api/admin/provisioning/dashboards/reload",
        "POST /api/admin/provisioning/alerting/reload");

    synchronized (calls) {
      calls.clear();
    }
    Result second = bootstrap(url(), PASSWORD);
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(writes()).as("writes of the second run").isEmpty();
    assertThat(second.output()).contains("nothing to do");
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
    Result r = bootstrap("http://127.0.0.1:" + DemoData.freePort(), PASSWORD);
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("not reachable");
  }
}
