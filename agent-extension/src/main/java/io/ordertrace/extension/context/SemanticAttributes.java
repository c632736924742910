/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** The semantic-convention attributes this package reads (stable names, no semconv dependency). */
final class SemanticAttributes {

  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> RABBITMQ_ROUTING_KEY =
      AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");

  /** The attribute the HTTP server instrumentation writes for a captured response header. */
  static AttributeKey<List<String>> responseHeader(String name) {
    return AttributeKey.stringArrayKey(
        "http.response.header." + name.toLowerCase(java.util.Locale.ROOT));
  }

  private SemanticAttributes() {}
}
