package io.ordertrace.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options every command shares: where Tempo is ({@code --tempo}, else
 * {@code ORDERTRACE_TEMPO_URL}, else {@code http://127.0.0.1:3200}), extra headers for a gateway,
 * {@code --json}, and the bar characters.
 */
record TempoOptions(String url, List<String[]> headers, boolean json, Glyphs glyphs) {

  static final String DEFAULT_URL = "http://127.0.0.1:3200";
  static final String URL_ENV = "ORDERTRACE_TEMPO_URL";

  static final Set<String> WITH_VALUE = Set.of("--tempo", "--header");
  static final Set<String> FLAGS = Set.of("--json", "--ascii", "--unicode");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  static TempoOptions from(Arguments args, Map<String, String> env) {
    String url = args.value("--tempo");
    if (url == null || url.isBlank()) {
      url = env.getOrDefault(URL_ENV, "");
    }
    if (url.isBlank()) {
      url = DEFAULT_URL;
    }
    url = url.strip();
    validateUrl(url);
    List<String[]> headers = new ArrayList<>();
    for (String header : args.values("--header")) {
      headers.add(header(header));
    }
    return new TempoOptions(url, headers, args.has("--json"), glyphs(args, env));
  }

  private static void validateUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new UsageException(
        "invalid Tempo URL '" + url + "': expected http://host:port or https://host[:port][/prefix]");
  }

  /** {@code Name: value}; the value is never echoed in errors (it is usually a token). */
  private static String[] header(String header) {
    int colon = header.indexOf(':');
    if (colon > 0) {
      String name = header.substring(0, colon).strip();
      String value = header.substring(colon + 1).strip();
      if (HEADER_NAME.matcher(name).matches()
          && !value.isEmpty()
          && value.indexOf('\n') < 0
          && value.indexOf('\r') < 0) {
        return new String[] {name, value};
      }
    }
    throw new UsageException("invalid --header: expected 'Name: value', e.g. 'Authorization: Bearer <token>'");
  }

  /** Unicode when asked, or when the locale is UTF-8 and ASCII was not asked for. */
  private static Glyphs glyphs(Arguments args, Map<String, String> env) {
    if (args.has("--ascii")) {
      return Glyphs.ASCII;
    }
    if (args.has("--unicode")) {
      return Glyphs.UNICODE;
    }
    for (String variable : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = env.get(variable);
      if (value != null && !value.isEmpty()) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8") ? Glyphs.UNICODE : Glyphs.ASCII;
      }
    }
    return Glyphs.ASCII;
  }
}
