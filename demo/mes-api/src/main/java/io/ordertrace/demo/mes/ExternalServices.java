/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import io.ordertrace.demo.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MES's HTTP calls: Calculation Service and the 3D-model file storage (JDK HttpClient). */
class ExternalServices {
  private final MesConfig cfg;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  ExternalServices(MesConfig cfg) {
    this.cfg = cfg;
  }

  /** Asks the Calculation Service for price and material. */
  Map<String, Object> estimate(String orderId, List<Object> items)
      throws IOException, InterruptedException {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("orderId", orderId);
    req.put("items", items);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cfg.calcUrl() + "/calc/estimate"))
            .timeout(Duration.ofMillis(cfg.calcTimeoutMs()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(req)))
            .build();
    HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException(
          "Calculation Service answered "
              + resp.statusCode()
              + " for order "
              + orderId
              + ": "
              + resp.body());
    }
    return Json.parseObject(resp.body());
  }

  /** Uploads a 3D model to the file storage. */
  void upload(String key, byte[] bytes) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(cfg.filesUrl() + "/files/" + key))
            .timeout(Duration.ofMillis(cfg.filesTimeoutMs()))
            .header("Content-Type", "model/stl")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> resp = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 201) {
      throw new IOException(
          "file storage answered " + resp.statusCode() + " for " + key + ": " + resp.body());
    }
  }
}
