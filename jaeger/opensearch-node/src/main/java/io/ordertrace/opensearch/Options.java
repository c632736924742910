/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The command line of {@link OpenSearchNodeMain}, parsed and checked once. */
record Options(int httpPort, int transportPort, Path dataDir, String clusterName, boolean help) {

  static final String USAGE =
      """
      Usage: java -Xms1g -Xmx1g -jar opensearch-node.jar [options]

      One OpenSearch node from OpenSearch's Maven Central jars, for tests, benchmarks and a laptop.
      HTTP and transport bind to 127.0.0.1 only; there is no security plugin (no TLS, no users):
      production runs the official distribution with the security plugin (docs/scale-out.md).

        --http-port N        REST port (default 9200)
        --transport-port N   node-to-node port (default 9300)
        --data-dir DIR       home of the node: data/ and logs/ below it (default ./opensearch-data)
        --cluster-name NAME  cluster.name (default ordertrace)
        --help               this text

      Prints one line starting with 'OpenSearch ready' once the cluster is yellow or green;
      SIGTERM closes the node cleanly.""";

  static Options parse(List<String> args) {
    int httpPort = 9200;
    int transportPort = 9300;
    Path dataDir = Paths.get("opensearch-data");
    String clusterName = "ordertrace";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Options(httpPort, transportPort, dataDir, clusterName, true);
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(arg + " needs a value (see --help)");
      }
      String value = args.get(++i);
      switch (arg) {
        case "--http-port" -> httpPort = port(arg, value);
        case "--transport-port" -> transportPort = port(arg, value);
        case "--data-dir" -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("--data-dir must not be empty");
          }
          dataDir = Paths.get(value);
        }
        case "--cluster-name" -> {
          if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException(
                "--cluster-name '" + value + "': letters, digits, '_', '.', '-', at most 64");
          }
          clusterName = value;
        }
        default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
      }
    }
    if (httpPort == transportPort) {
      throw new IllegalArgumentException(
          "--http-port and --transport-port are both " + httpPort + ": they must differ");
    }
    return new Options(
        httpPort, transportPort, dataDir.toAbsolutePath().normalize(), clusterName, false);
  }

  private static int port(String option, String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + value + "' is not a port number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(option + " " + port + " is not in 1-65535");
    }
    return port;
  }
}
