/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.opensearch.Version;

/**
 * OpenSearch is pinned twice: the root pom.xml's {@code opensearch.version} (the jars this node
 * runs) and tools/versions.env's {@code OPENSEARCH_VERSION} (images, Helm values, docs). They move
 * together.
 */
class OpenSearchVersionTest {

  private static final Path REPO = Paths.get(System.getProperty("ordertrace.repo.root", "../.."));

  @Test
  void theJarsOnTheClassPathAreTheVersionThatVersionsEnvPins() throws IOException {
    assertThat(Version.CURRENT.toString())
        .as(
            "org.opensearch:opensearch on the class path (root pom.xml opensearch.version)"
                + " vs OPENSEARCH_VERSION in tools/versions.env")
        .isEqualTo(VersionsEnv.read(REPO).get("OPENSEARCH_VERSION"));
  }

  @Test
  void theImageTagIsThatVersionToo() throws IOException {
    var env = VersionsEnv.read(REPO);
    assertThat(env.get("OPENSEARCH_IMAGE"))
        .isEqualTo("opensearchproject/opensearch:" + env.get("OPENSEARCH_VERSION"));
  }

  @Test
  void theRootPomPinsItInOnePlace() throws IOException {
    String pom = Files.readString(REPO.resolve("pom.xml"));
    assertThat(pom).contains("<opensearch.version>" + Version.CURRENT + "</opensearch.version>");
  }
}
