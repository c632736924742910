/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrace.demo.support.LiteHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
  @TempDir Path dir;

  @Test
  void keysCannotEscapeTheRoot() {
    FileStore store = new FileStore(dir);
    assertThat(store.resolve("models/100001.stl")).isEqualTo(dir.resolve("models/100001.stl"));
    for (String bad :
        new String[] {"../etc/passwd", "a/../../b", "/abs", "a//b", "a b", "models/..x/.."}) {
      assertThatThrownBy(() -> store.resolve(bad))
          .as(bad)
          .isInstanceOf(LiteHttpServer.HttpError.class);
    }
  }

  @Test
  void storesAndServesFiles() throws Exception {
    LiteHttpServer server = new FileStore(dir).server().start("127.0.0.1", 0, 2);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port() + "/files/";
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "models/1.stl"))
                  .PUT(HttpRequest.BodyPublishers.ofString("solid x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.body()).contains("\"size\":7");
      HttpResponse<String> get =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "models/1.stl")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo("solid x");
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    } finally {
      server.stop();
    }
  }
}
