/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.server.ResponseStatusException;

/** Calls the CRM API. CRM client errors are passed on; anything else is a 502. */
@Component
public class CrmClient {
  private final RestClient http;
  private final String crmUrl;

  public CrmClient(
      RestClient.Builder builder,
      @Value("${shop.crm-url}") String crmUrl,
      @Value("${shop.crm-timeout-ms}") int timeoutMs) {
    this.crmUrl = crmUrl;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeoutMs))
                .build());
    factory.setReadTimeout(Duration.ofMillis(timeoutMs));
    this.http = builder.baseUrl(crmUrl).requestFactory(factory).build();
  }

  /** Thrown when the CRM fails or cannot be reached. */
  public static final class CrmUnavailableException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    CrmUnavailableException(String reason, Throwable cause) {
      super(HttpStatus.BAD_GATEWAY, reason, cause);
    }
  }

  public JsonNode createOrder(String userId, JsonNode order) {
    return call(
        "create the order",
        () ->
            http.post()
                .uri("/crm/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(
                    h -> {
                      if (userId != null) {
                        h.set("X-User-Id", userId);
                      }
                    })
                .body(order)
                .retrieve()
                .toEntity(JsonNode.class));
  }

  public JsonNode getOrder(String orderId) {
    return call(
        "read order " + orderId,
        () -> http.get().uri("/crm/orders/{id}", orderId).retrieve().toEntity(JsonNode.class));
  }

  private interface Call {
    ResponseEntity<JsonNode> run();
  }

  private JsonNode call(String what, Call call) {
    try {
      return call.run().getBody();
    } catch (HttpClientErrorException e) {
      HttpStatusCode status = e.getStatusCode();
      throw new ResponseStatusException(
          status, "CRM refused to " + what + ": " + e.getResponseBodyAsString(), e);
    } catch (RestClientResponseException e) {
      throw new CrmUnavailableException(
          "CRM failed to " + what + " (HTTP " + e.getStatusCode().value() + ")", e);
    } catch (RestClientException e) {
      throw new CrmUnavailableException(
          "CRM at " + crmUrl + " unreachable while trying to " + what + ": " + e.getMessage(), e);
    }
  }
}
