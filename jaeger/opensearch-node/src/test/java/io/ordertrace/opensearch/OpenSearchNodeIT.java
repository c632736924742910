/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.OpenSearchNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged node, started as users and the other tests start it. */
class OpenSearchNodeIT {

  private static final Path REPO = Paths.get(System.getProperty("ordertrace.repo.root", "../.."));
  private static final Path WORK =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"));

  private static OpenSearchNode node;

  @BeforeAll
  static void startNode() throws Exception {
    node = OpenSearchNode.start(REPO, WORK.resolve("node"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void itIsGreenAndServesThePinnedVersion() throws Exception {
    // green: one node and every index here has 0 replicas (as Jaeger's single-node config does)
    assertThat(node.clusterStatus()).isEqualTo("green");
    assertThat(node.get("/").body())
        .contains("\"number\" : \"" + VersionsEnv.read(REPO).get("OPENSEARCH_VERSION") + "\"");
  }

  @Test
  void httpAndTransportAreBoundToLoopbackOnly() throws Exception {
    String nodes = node.get("/_nodes/_local/http,transport").body();
    Matcher bound = Pattern.compile("\"bound_address\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(nodes);
    int lists = 0;
    while (bound.find()) {
      lists++;
      for (String address : bound.group(1).split(",", -1)) {
        assertThat(address.strip())
            .as(nodes)
            .matches("\"(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]):[0-9]+\"");
      }
    }
    assertThat(lists).as("http and transport bound_address in " + nodes).isEqualTo(2);
  }

  @Test
  void onlyNettyAndTheCommonAnalyzersAreLoadedNoSecurityPlugin() throws Exception {
    assertThat(node.get("/_cat/plugins?h=component").body().lines().map(String::strip).sorted())
        .containsExactly(
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
            "org.opensearch.transport.Netty4Plugin");
  }

  @Test
  void itStoresAndFindsADocument() throws Exception {
    HttpResponse<String> create =
        send("PUT", "/smoke", "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
    assertThat(create.statusCode()).as(create.body()).isEqualTo(200);
    HttpResponse<String> put =
        send("PUT", "/smoke/_doc/1?refresh=true", "{\"order.id\":\"100042\"}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

    assertThat(node.get("/smoke/_search?q=order.id:100042").body()).contains("\"value\":1");
    assertThat(node.get("/smoke/_search?q=order.id:100043").body()).contains("\"value\":0");
  }

  private static HttpResponse<String> send(String method, String path, String json)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
