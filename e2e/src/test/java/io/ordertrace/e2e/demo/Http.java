/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import io.ordertrace.demo.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** Small HTTP helpers for the ITs. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  private Http() {}

  static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static HttpResponse<String> post(String url, Object jsonBody) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-User-Id", "u-2001")
            .POST(
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(jsonBody))));
  }

  static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(
          b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> json(HttpResponse<String> r) {
    return Json.parseObject(r.body());
  }

  @SuppressWarnings("unchecked")
  static List<Object> jsonList(HttpResponse<String> r) {
    return (List<Object>) Json.parse(r.body());
  }

  /** A customer order with personal data, like the shop receives. */
  static Map<String, Object> order(String sku, int quantity) {
    return Map.of(
        "customer",
            Map.of(
                "name",
                "Erika Mustermann",
                "email",
                "erika.mustermann@example.com",
                "phone",
                "+49 40 5550 9876"),
        "deliveryAddress",
            Map.of(
                "street",
                "Jungfernstieg 1",
                "postalCode",
                "20354",
                "city",
                "Hamburg",
                "country",
                "DE"),
        "items", List.of(Map.of("sku", sku, "quantity", quantity)));
  }

  /** Waits (Awaitility) until the supplier returns non-null, or fails naming {@code what}. */
  static <T> T await(Duration timeout, String what, Supplier<T> check) {
    return Awaitility.await(what)
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(check::get, Objects::nonNull);
  }
}
