/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Charges an order at the external payment provider (a third party). */
@Component
public class PaymentClient {
  private final RestClient http;
  private final CrmProperties props;

  public PaymentClient(RestClient.Builder builder, CrmProperties props) {
    this.props = props;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(props.paymentTimeoutMs()))
                .build());
    factory.setReadTimeout(Duration.ofMillis(props.paymentTimeoutMs()));
    this.http = builder.requestFactory(factory).build();
  }

  /** Returns the provider's charge id. */
  public String charge(String orderId, BigDecimal amount, String currency) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("reference", orderId);
    req.put("amount", amount);
    req.put("currency", currency);
    req.put("description", "Alexandrite jewellery order");
    try {
      JsonNode resp =
          http.post()
              .uri(props.paymentUrl())
              .contentType(MediaType.APPLICATION_JSON)
              .header("Idempotency-Key", "order-" + orderId)
              .body(req)
              .retrieve()
              .body(JsonNode.class);
      if (resp == null || !"succeeded".equals(resp.path("status").asText())) {
        throw new Errors.PaymentFailedException(
            "order " + orderId + ": payment not succeeded: " + resp, null);
      }
      return resp.path("id").asText();
    } catch (RestClientException e) {
      throw new Errors.PaymentFailedException(
          "order "
              + orderId
              + ": payment provider call to "
              + props.paymentUrl()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }
}
