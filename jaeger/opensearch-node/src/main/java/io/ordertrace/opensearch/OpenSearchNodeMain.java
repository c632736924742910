/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.opensearch.Version;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one OpenSearch node until SIGTERM. The node is OpenSearch's own {@link Node}, given its
 * plugins on the class path the way OpenSearch's test framework does ({@code MockNode}) instead of
 * from a {@code plugins/} folder: Netty (HTTP and transport) and the common analyzers.
 */
public final class OpenSearchNodeMain {

  /** What {@link #main} prints once the node serves requests; harnesses wait for it. */
  public static final String READY = "OpenSearch ready";

  private static final List<Class<? extends Plugin>> PLUGINS =
      List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

  private OpenSearchNodeMain() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println("opensearch-node: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    System.exit(run(options, System.out, System.err));
  }

  static int run(Options options, PrintStream out, PrintStream err) throws Exception {
    Files.createDirectories(options.dataDir());
    LocalNode node = new LocalNode(settings(options));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node, err), "close-opensearch"));
    try {
      node.start();
    } catch (Exception e) {
      err.println("opensearch-node: could not start: " + e);
      close(node, err);
      return 1;
    }
    ClusterHealthResponse health =
        node.client()
            .admin()
            .cluster()
            .prepareHealth()
            .setWaitForYellowStatus()
            .setTimeout(TimeValue.timeValueSeconds(60))
            .get();
    if (health.isTimedOut()) {
      err.println("opensearch-node: cluster not yellow after 60 s: " + health.getStatus());
      close(node, err);
      return 1;
    }
    out.printf(
        "%s: OpenSearch %s at http://127.0.0.1:%d (transport 127.0.0.1:%d, cluster %s, status %s, data %s)%n",
        READY,
        Version.CURRENT,
        options.httpPort(),
        options.transportPort(),
        options.clusterName(),
        health.getStatus().name().toLowerCase(java.util.Locale.ROOT),
        options.dataDir());
    out.flush();
    Thread.currentThread().join(); // until SIGTERM runs the shutdown hook and exits
    return 0;
  }

  static Settings settings(Options options) {
    return Settings.builder()
        .put("cluster.name", options.clusterName())
        .put("node.name", "ordertrace-local")
        .put("path.home", options.dataDir().toString())
        .put("path.data", options.dataDir().resolve("data").toString())
        .put("path.logs", options.dataDir().resolve("logs").toString())
        // loopback only; one node that elects itself
        .put("network.host", "127.0.0.1")
        .put("http.port", options.httpPort())
        .put("transport.port", options.transportPort())
        .put("discovery.type", "single-node")
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // a test or laptop node on a shared disk: never turn indices read-only on disk watermarks
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
  }

  private static void close(LocalNode node, PrintStream err) {
    try {
      node.close();
      node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      err.println("opensearch-node: close: " + e);
    }
  }

  /** {@link Node} with class-path plugins: the protected constructor MockNode uses. */
  private static final class LocalNode extends Node {
    LocalNode(Settings settings) {
      super(
          InternalSettingsPreparer.prepareEnvironment(
              settings, java.util.Map.of(), null, () -> "ordertrace-local"),
          PLUGINS,
          true);
    }
  }
}
