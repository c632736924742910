/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import io.ordertrace.store.GatewayHeaders;
import io.ordertrace.store.JaegerQueryClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Options every command takes: where the store is (directly, or through the gateway with a
 * developer identity), the output form and the bar characters.
 */
final class StoreOptions {

  static final String DEFAULT_URL = "http://127.0.0.1:16686";
  static final String URL_ENV = "ORDERTRACE_STORE_URL";
  static final String SECRET_FILE_ENV = "ORDERTRACE_GATEWAY_SECRET_FILE";
  static final String SECRET_HEADER = GatewayHeaders.SECRET;
  static final String USER_HEADER = GatewayHeaders.USER;
  static final String ROLE_HEADER = GatewayHeaders.ROLE;

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  // credentials: on the command line they are readable by every local user (ps, /proc/PID/cmdline)
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie");

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "Jaeger query API, or the gateway in front of it (default: $"
              + URL_ENV
              + ", else "
              + DEFAULT_URL
              + ")")
  String store;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "through the gateway: your login, sent as "
              + USER_HEADER
              + " with "
              + ROLE_HEADER
              + ": developer; needs the gateway secret file")
  String user;

  @Option(
      names = "--gateway-secret-file",
      paramLabel = "FILE",
      description =
          "file holding the gateway's shared secret (default: $"
              + SECRET_FILE_ENV
              + "); never pass the secret itself")
  Path secretFile;

  @Option(
      names = "--header",
      paramLabel = "'NAME: VALUE'",
      description =
          "extra request header, repeatable (values are never printed); no credentials: use --header-file")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--header-file",
      paramLabel = "FILE",
      description =
          "file of extra request headers, one 'Name: value' per line: for tokens, which stay off the command line")
  Path headerFile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "per-request timeout in seconds (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--json", description = "JSON output for scripts")
  boolean json;

  @Option(names = "--ascii", description = "ASCII bars and marks")
  boolean ascii;

  @Option(names = "--unicode", description = "Unicode bars and marks (default in a UTF-8 locale)")
  boolean unicode;

  /** The store's address: {@code --store}, else the environment, else the default. */
  String url(Map<String, String> env) {
    String url = store;
    if (url == null || url.isBlank()) {
      url = env.getOrDefault(URL_ENV, "");
    }
    if (url.isBlank()) {
      url = DEFAULT_URL;
    }
    url = url.strip();
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new CliException(
        ExitCodes.USAGE,
        "invalid store URL '"
            + WaterfallRenderer.oneLine(url)
            + "': expected http(s)://host[:port][/prefix]");
  }

  JaegerQueryClient client(Context context) {
    if (timeoutSeconds < 1 || timeoutSeconds > 600) {
      throw new CliException(ExitCodes.USAGE, "invalid --timeout: use 1 to 600 seconds");
    }
    JaegerQueryClient.Builder builder =
        JaegerQueryClient.builder(URI.create(url(context.env())))
            .timeout(Duration.ofSeconds(timeoutSeconds));
    for (String[] header : headers(context)) {
      builder.header(header[0], header[1]);
    }
    return builder.build();
  }

  /** {@code --header} values, then the gateway's identity headers when {@code --user} is given. */
  List<String[]> headers(Context context) {
    List<String[]> result = new ArrayList<>();
    for (String header : headers) {
      String[] parsed = header(header);
      if (parsed[0].equalsIgnoreCase(SECRET_HEADER)) {
        throw new CliException(
            ExitCodes.USAGE,
            "do not put the gateway secret on the command line: use --gateway-secret-file FILE or $"
                + SECRET_FILE_ENV);
      }
      if (CREDENTIAL_HEADERS.contains(parsed[0].toLowerCase(Locale.ROOT))) {
        throw new CliException(
            ExitCodes.USAGE,
            "do not put "
                + parsed[0]
                + " on the command line: write it into a file (chmod 600) and pass --header-file FILE");
      }
      result.add(parsed);
    }
    if (headerFile != null) {
      for (String line : readPrivateFile(headerFile, "header file", context).lines().toList()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parsed = header(line);
          if (parsed[0].equalsIgnoreCase(SECRET_HEADER)) {
            throw new CliException(
                ExitCodes.USAGE,
                "the gateway secret goes in --gateway-secret-file, not in --header-file");
          }
          result.add(parsed);
        }
      }
    }
    Path file = secretFile;
    if (file == null && !context.env().getOrDefault(SECRET_FILE_ENV, "").isBlank()) {
      file = Path.of(context.env().get(SECRET_FILE_ENV).strip());
    }
    if (user != null) {
      if (user.isBlank() || user.length() > 256 || user.chars().anyMatch(c -> c < 32 || c == 127)) {
        throw new CliException(ExitCodes.USAGE, "invalid --user: 1 to 256 printable characters");
      }
      if (file == null) {
        throw new CliException(
            ExitCodes.USAGE,
            "--user goes through the gateway and needs its secret: --gateway-secret-file FILE or $"
                + SECRET_FILE_ENV);
      }
      result.add(new String[] {SECRET_HEADER, secret(file, context)});
      result.add(new String[] {USER_HEADER, user.strip()});
      result.add(new String[] {ROLE_HEADER, "developer"});
    } else if (secretFile != null) {
      throw new CliException(
          ExitCodes.USAGE,
          "--gateway-secret-file needs --user NAME (the identity the gateway audits)");
    }
    return result;
  }

  private static String secret(Path file, Context context) {
    String secret = readPrivateFile(file, "gateway secret file", context).strip();
    if (secret.isEmpty() || secret.chars().anyMatch(c -> c < 32 || c == 127)) {
      throw new CliException(
          ExitCodes.USAGE,
          "the gateway secret file " + file + " must hold one line of printable text");
    }
    return secret;
  }

  /** The text of a file that holds a secret; warns when others may read it. */
  private static String readPrivateFile(Path file, String what, Context context) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      String reason =
          e instanceof java.nio.file.NoSuchFileException
              ? "no such file"
              : e instanceof java.nio.file.AccessDeniedException
                  ? "permission denied"
                  : e.getClass().getSimpleName();
      throw new CliException(
          ExitCodes.USAGE, "cannot read the " + what + " " + file + " (" + reason + ")");
    }
    try {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)
          || permissions.contains(PosixFilePermission.GROUP_READ)) {
        context
            .err()
            .println("ordertrace: warning: " + file + " is readable by other users; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    return text;
  }

  /** {@code Name: value}; the value is never echoed in errors (it is usually a token). */
  private static String[] header(String header) {
    int colon = header.indexOf(':');
    if (colon > 0) {
      String name = header.substring(0, colon).strip();
      String value = header.substring(colon + 1).strip();
      if (HEADER_NAME.matcher(name).matches()
          && !value.isEmpty()
          && value.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0)) {
        return new String[] {name, value};
      }
    }
    throw new CliException(
        ExitCodes.USAGE,
        "invalid --header: expected 'Name: value', e.g. 'Authorization: Bearer <token>'");
  }

  /** Unicode when asked, or when the locale is UTF-8 and ASCII was not asked for. */
  Glyphs glyphs(Map<String, String> env) {
    if (ascii) {
      return Glyphs.ASCII;
    }
    if (unicode) {
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
