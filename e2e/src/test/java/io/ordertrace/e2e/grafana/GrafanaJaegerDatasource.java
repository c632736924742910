/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP requests Grafana's Jaeger datasource sends to its URL (here: the gateway), as Grafana
 * {@value #GRAFANA_VERSION} builds them. Grafana cannot run on the build machines, so the tests
 * replay these requests; this class is the model, read from Grafana's source (search tool,
 * grafana/grafana, never downloaded):
 *
 * <ul>
 *   <li>Since 12.2 every Jaeger query runs in Grafana's server (the {@code jaegerBackendMigration}
 *       feature toggle was removed, PR #107702), {@code pkg/tsdb/jaeger}: the browser never talks
 *       to the datasource URL. Requests are {@code GET}, no body.
 *   <li>Search ({@code queryType "search"}, client.go {@code Search}): {@code url.JoinPath(url,
 *       "api/traces")}, query built with Go's {@code url.Values.Encode()} (keys sorted, {@code
 *       QueryEscape}: space as {@code +}); {@code limit} when &gt; 0, {@code start}/{@code end} in
 *       MICROseconds (the panel's time range), then {@code service}, {@code operation}, {@code
 *       tags}, {@code minDuration}, {@code maxDuration} when not empty. {@code tags} is the panel's
 *       logfmt text turned into a JSON object of strings ({@code go-logfmt} then {@code
 *       json.Marshal}: keys sorted, HTML characters escaped). No {@code lookback}.
 *   <li>The frontend (datasource.ts) first refuses a search with an empty raw {@code service} ("You
 *       must select a service.") without sending anything, then interpolates the dashboard
 *       variables into {@code service}, {@code operation}, {@code tags}, {@code minDuration},
 *       {@code maxDuration} ({@code applyTemplateVariables}) and into the trace id query.
 *   <li>Trace by id (no {@code queryType}, client.go {@code Trace}): {@code url.JoinPath(url,
 *       "/api/traces", url.QueryEscape(id))}; {@code ?end=&start=} in MILLIseconds only when the
 *       datasource's {@code traceIdTimeParams.enabled} (off here: Jaeger would read them as
 *       microseconds). An empty id sends nothing ("traceID is empty").
 *   <li>Dependency graph ({@code queryType "dependencyGraph"}): {@code api/dependencies?endTs=<ms>
 *       &lookback=<ms>}. Services (search form, health check): {@code api/services}; operations:
 *       {@code api/services/<service>/operations} (path-escaped).
 *   <li>Headers: the datasource's custom headers ({@code httpHeaderName<n>} / {@code
 *       secureJsonData.httpHeaderValue<n>}) on every request; {@code X-Grafana-User} (the login,
 *       {@code [dataproxy] send_user_header}) and Grafana's request headers from the plugin request
 *       context since 12.2.7 (PR #119719: before it, the Jaeger backend sent its requests without
 *       the context and dropped them); {@code User-Agent: Grafana/<version>}; Go's {@code
 *       Accept-Encoding: gzip}. mTLS with the datasource's client certificate.
 * </ul>
 */
final class GrafanaJaegerDatasource {
  static final String GRAFANA_VERSION = "12.2.7";

  /** One request as Grafana sends it: path with query string, and headers. */
  record Request(String pathAndQuery, Map<String, String> headers) {
    @Override
    public String toString() {
      return "GET " + pathAndQuery;
    }
  }

  private final Map<String, String> datasourceHeaders;
  private final String datasourceUid;
  private final String user;
  private final int orgId;

  /**
   * @param datasource the datasource definition (provisioning file or bootstrap.sh's body) whose
   *     {@code jsonData.httpHeaderName<n>} name the custom headers
   * @param secureValues the values of {@code secureJsonData.httpHeaderValue<n>} as Grafana holds
   *     them (the secret is not in the files)
   * @param user the Grafana login of the person looking at the dashboard
   * @param orgId the Grafana organisation the datasource belongs to (1 Engineering, 2 Support)
   */
  GrafanaJaegerDatasource(
      Map<String, Object> datasource, Map<String, String> secureValues, String user, int orgId) {
    Map<String, Object> json = Provisioning.map(datasource.get("jsonData"));
    Map<String, Object> secure = Provisioning.map(datasource.get("secureJsonData"));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; json.containsKey("httpHeaderName" + i); i++) {
      String key = "httpHeaderValue" + i;
      String value =
          secureValues.containsKey(key)
              ? secureValues.get(key)
              : Objects.toString(secure.get(key), "");
      headers.put(json.get("httpHeaderName" + i).toString(), value);
    }
    if (Boolean.TRUE.equals(Provisioning.map(json.get("traceIdTimeParams")).get("enabled"))) {
      throw new IllegalArgumentException(
          "traceIdTimeParams is on: Grafana would send ms where Jaeger reads µs");
    }
    this.datasourceHeaders = headers;
    this.datasourceUid = Objects.toString(datasource.get("uid"));
    this.user = user;
    this.orgId = orgId;
  }

  /** Where a request comes from: the dashboard and panel (Grafana forwards them as headers). */
  record Origin(String dashboardUid, Object panelId, String panelType) {}

  private Map<String, String> headers(Origin origin) {
    Map<String, String> h = new LinkedHashMap<>(datasourceHeaders);
    h.put("X-Grafana-User", user);
    // Grafana's TracingHeaderMiddleware: the browser's request headers, forwarded when set
    h.put("X-Grafana-Org-Id", Integer.toString(orgId));
    h.put("X-Datasource-Uid", datasourceUid);
    if (origin != null && origin.dashboardUid() != null) {
      h.put("X-Dashboard-Uid", origin.dashboardUid());
      h.put("X-Panel-Id", String.valueOf(origin.panelId()));
      h.put("X-Panel-Plugin-Id", origin.panelType());
      h.put("X-Query-Group-Id", java.util.UUID.randomUUID().toString());
    }
    h.put("User-Agent", "Grafana/" + GRAFANA_VERSION);
    h.put("Accept-Encoding", "gzip");
    return h;
  }

  /**
   * The request of one panel target, or {@code null} when Grafana sends none (empty search service,
   * empty trace id, upload).
   */
  Request forTarget(
      Map<String, Object> target,
      Map<String, String> variables,
      Instant from,
      Instant to,
      Origin origin) {
    String queryType = Objects.toString(target.get("queryType"), "");
    Map<String, String> h = headers(origin);
    switch (queryType) {
      case "search" -> {
        if (Objects.toString(target.get("service"), "").isEmpty()) {
          return null; // "You must select a service."
        }
        Map<String, String> params = new TreeMap<>();
        Object limit = target.get("limit");
        if (limit instanceof Number n && n.longValue() > 0) {
          params.put("limit", Long.toString(n.longValue()));
        }
        params.put("start", Long.toString(micros(from)));
        params.put("end", Long.toString(micros(to)));
        for (String field : List.of("service", "operation", "minDuration", "maxDuration")) {
          String v = interpolate(Objects.toString(target.get(field), ""), variables);
          if (!v.isEmpty()) {
            params.put(field, v);
          }
        }
        String tags = interpolate(Objects.toString(target.get("tags"), ""), variables);
        if (!tags.isEmpty()) {
          params.put("tags", goJson(logfmt(tags)));
        }
        return new Request("/api/traces?" + encode(params), h);
      }
      case "" -> {
        String id = interpolate(Objects.toString(target.get("query"), ""), variables).trim();
        return id.isEmpty() ? null : new Request("/api/traces/" + queryEscape(id), h);
      }
      case "dependencyGraph" -> {
        Map<String, String> params = new TreeMap<>();
        params.put("endTs", Long.toString(to.toEpochMilli()));
        params.put("lookback", Long.toString(to.toEpochMilli() - from.toEpochMilli()));
        return new Request("/api/dependencies?" + encode(params), h);
      }
      default -> {
        return null;
      }
    }
  }

  /** The search form's service list, and the datasource's "Save &amp; test" (health check). */
  Request services() {
    return new Request("/api/services", headers(null));
  }

  /** The search form's operation list of one service. */
  Request operations(String service) {
    return new Request("/api/services/" + pathEscape(service) + "/operations", headers(null));
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
  }

  // ---------------------------------------------------------------- Grafana's template service

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([a-z]+))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** Grafana's templateSrv.replace for single-value variables: raw, or the {@code :json} format. */
  static String interpolate(String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      if (!variables.containsKey(name)) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String value = variables.get(name);
      String format = m.group(2);
      if ("json".equals(format)) {
        value = jsString(value);
      } else if (format != null) {
        throw new IllegalArgumentException("format " + format + " not modelled: " + text);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** JSON.stringify of a string. */
  private static String jsString(String s) {
    StringBuilder b = new StringBuilder();
    quote(s, false, b);
    return b.toString();
  }

  /**
   * A JSON string literal of {@code s}, as JavaScript's JSON.stringify writes it, or, with {@code
   * go}, as Go's encoding/json does: that also escapes {@code < > &}, U+2028 and U+2029, and writes
   * backspace and form feed as six-character hex escapes.
   */
  private static void quote(String s, boolean go, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append(go ? "\\u0008" : "\\b");
        case '\f' -> b.append(go ? "\\u000c" : "\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> {
          if (go) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  // ---------------------------------------------------------------- go-logfmt, encoding/json

  /**
   * go-logfmt's decoder as the Jaeger backend uses it: {@code key=value} pairs separated by spaces,
   * values bare or double-quoted (Go escapes); a key without value maps to "". Later keys win (a Go
   * map).
   */
  static Map<String, String> logfmt(String text) {
    Map<String, String> out = new TreeMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && text.charAt(i) <= ' ') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int k = i;
      while (i < n && text.charAt(i) > ' ' && text.charAt(i) != '=' && text.charAt(i) != '"') {
        i++;
      }
      String key = text.substring(k, i);
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "logfmt: unexpected '" + text.charAt(i) + "' at " + i + " in " + text);
      }
      String value = "";
      if (i < n && text.charAt(i) == '=') {
        i++;
        if (i < n && text.charAt(i) == '"') {
          StringBuilder v = new StringBuilder();
          i++;
          while (true) {
            if (i >= n) {
              throw new IllegalArgumentException("logfmt: unterminated quoted value in " + text);
            }
            char c = text.charAt(i++);
            if (c == '"') {
              break;
            }
            if (c == '\\') {
              char e = text.charAt(i++);
              switch (e) {
                case 'n' -> v.append('\n');
                case 't' -> v.append('\t');
                case 'r' -> v.append('\r');
                case 'u' -> {
                  v.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                  i += 4;
                }
                default -> v.append(e);
              }
            } else {
              v.append(c);
            }
          }
          value = v.toString();
        } else {
          int s = i;
          while (i < n && text.charAt(i) > ' ') {
            i++;
          }
          value = text.substring(s, i);
        }
      }
      out.put(key, value);
    }
    return out;
  }

  /** encoding/json's Marshal of a map[string]string: keys sorted, HTML-safe escaping. */
  static String goJson(Map<String, String> map) {
    StringBuilder b = new StringBuilder("{");
    List<String> keys = new ArrayList<>(new TreeMap<>(map).keySet());
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      quote(keys.get(i), true, b);
      b.append(':');
      quote(map.get(keys.get(i)), true, b);
    }
    return b.append('}').toString();
  }

  // ---------------------------------------------------------------- net/url

  /** url.Values.Encode of already sorted parameters. */
  static String encode(Map<String, String> sorted) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(sorted)
        .forEach(
            (k, v) -> {
              if (b.length() > 0) {
                b.append('&');
              }
              b.append(queryEscape(k)).append('=').append(queryEscape(v));
            });
    return b.toString();
  }

  /** url.QueryEscape: unreserved bytes as they are, space as '+', the rest %XX (upper case). */
  static String queryEscape(String s) {
    return escape(s, true);
  }

  /** url.PathEscape (segment): like QueryEscape, but space as %20 and a few sub-delims kept. */
  static String pathEscape(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean query) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (unreserved
          || (!query
              && (c == '$' || c == '&' || c == '+' || c == ',' || c == ';' || c == '=' || c == ':'
                  || c == '@'))) {
        b.append((char) c);
      } else if (query && c == ' ') {
        b.append('+');
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }
}
