/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.ordertrace.extension.HookFailures;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Request and response body sizes on HTTP server and client spans (requirement D4), from the {@code
 * Content-Length} headers the HTTP instrumentation captured ({@link #HEADER}, which {@code
 * AgentDefaults} adds to the captured headers): {@code http.request.body.size} and {@code
 * http.response.body.size}, and the captured header attributes are taken off again.
 *
 * <p>The agent's own {@code emit-experimental-telemetry} switch sets the same attributes from the
 * same headers, but also records five experimental metric instruments on every request, which cost
 * more CPU than everything else ordertrace adds on the request thread (issue 12). A body sent
 * without {@code Content-Length} (chunked) gets no size, as with the agent's extractor.
 */
public final class BodySizeExtractor implements AttributesExtractor<Object, Object> {

  /** The header whose value is the body size. */
  public static final String HEADER = "content-length";

  static final AttributeKey<Long> REQUEST_BODY_SIZE =
      AttributeKey.longKey("http.request.body.size");
  static final AttributeKey<Long> RESPONSE_BODY_SIZE =
      AttributeKey.longKey("http.response.body.size");
  static final AttributeKey<List<String>> REQUEST_HEADER =
      AttributeKey.stringArrayKey("http.request.header." + HEADER);
  static final AttributeKey<List<String>> RESPONSE_HEADER =
      AttributeKey.stringArrayKey("http.response.header." + HEADER);

  private final HookFailures failures = new HookFailures("body size");

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {
    convert(attributes, REQUEST_HEADER, REQUEST_BODY_SIZE);
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {
    convert(attributes, RESPONSE_HEADER, RESPONSE_BODY_SIZE);
  }

  /**
   * The instrumentation's builder is also its {@link Attributes} (and a {@link Map}, which is how a
   * key is taken off: {@link AttributesBuilder#remove} is a no-op there).
   */
  private void convert(
      AttributesBuilder attributes, AttributeKey<List<String>> header, AttributeKey<Long> size) {
    try {
      if (!(attributes instanceof Attributes)) {
        return;
      }
      List<String> values = ((Attributes) attributes).get(header);
      if (values == null) {
        return;
      }
      if (attributes instanceof Map) {
        ((Map<?, ?>) attributes).remove(header);
      }
      long bytes = values.isEmpty() ? -1 : parse(values.get(0));
      if (bytes >= 0) {
        attributes.put(size, bytes);
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  /** The decimal value, or -1 when it is not one (no exception on the request thread). */
  static long parse(@Nullable String value) {
    if (value == null) {
      return -1;
    }
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == ' ') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == ' ') {
      end--;
    }
    if (start == end || end - start > 18) {
      return -1;
    }
    long result = 0;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }
}
