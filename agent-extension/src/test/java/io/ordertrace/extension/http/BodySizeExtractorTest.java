/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the extractor behind the instrumentation API's own HTTP server extractor, as the agent. */
class BodySizeExtractorTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();

  // the setters are deprecated for instrumentation authors (the agent configures captured headers
  // itself); this test needs them to capture Content-Length as the agent does
  @SuppressWarnings("deprecation")
  private final Instrumenter<Message, Message> instrumenter =
      Instrumenter.<Message, Message>builder(sdk, "test", request -> "POST")
          .addAttributesExtractor(
              HttpServerAttributesExtractor.builder(new Getter())
                  .setCapturedRequestHeaders(Collections.singleton("content-length"))
                  .setCapturedResponseHeaders(Collections.singleton("content-length"))
                  .build())
          .addAttributesExtractor(new BodySizeExtractor())
          .buildServerInstrumenter(new NoHeaders());

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  void contentLengthsBecomeBodySizesAndTheHeaderAttributesGo() {
    Attributes attributes = serve(new Message("83"), new Message("130"));

    assertThat(attributes.get(BodySizeExtractor.REQUEST_BODY_SIZE)).isEqualTo(83L);
    assertThat(attributes.get(BodySizeExtractor.RESPONSE_BODY_SIZE)).isEqualTo(130L);
    assertThat(attributes.get(BodySizeExtractor.REQUEST_HEADER)).isNull();
    assertThat(attributes.get(BodySizeExtractor.RESPONSE_HEADER)).isNull();
  }

  @ParameterizedTest(name = "Content-Length ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {"abc", "-1", "12a", "99999999999999999999", "''"})
  void aValueThatIsNoSizeGivesNoSizeAndNoHeaderAttribute(String value) {
    Attributes attributes = serve(new Message(value), new Message(null));

    assertThat(attributes.get(BodySizeExtractor.REQUEST_BODY_SIZE)).isNull();
    assertThat(attributes.get(BodySizeExtractor.REQUEST_HEADER)).isNull();
    assertThat(attributes.get(BodySizeExtractor.RESPONSE_BODY_SIZE)).isNull();
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {"0 | 0", "' 42 ' | 42", "123456789012345678 | 123456789012345678", "4 2 | -1"})
  void parseReadsDecimalSizesOnly(String value, long expected) {
    assertThat(BodySizeExtractor.parse(value)).isEqualTo(expected);
  }

  private Attributes serve(Message request, Message response) {
    Context context = instrumenter.start(Context.root(), request);
    instrumenter.end(context, request, response, null);
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    return spans.getFinishedSpanItems().get(0).getAttributes();
  }

  /** A request or response that has at most a Content-Length header. */
  private static final class Message {
    private final Map<String, String> headers = new HashMap<>();

    Message(@Nullable String contentLength) {
      if (contentLength != null) {
        headers.put("content-length", contentLength);
      }
    }

    List<String> header(String name) {
      String value = headers.get(name);
      return value == null ? Collections.emptyList() : Collections.singletonList(value);
    }
  }

  private static final class NoHeaders implements TextMapGetter<Message> {
    @Override
    public Iterable<String> keys(Message carrier) {
      return Collections.emptyList();
    }

    @Nullable
    @Override
    public String get(@Nullable Message carrier, String key) {
      return null;
    }
  }

  private static final class Getter implements HttpServerAttributesGetter<Message, Message> {
    @Override
    public String getHttpRequestMethod(Message request) {
      return "POST";
    }

    @Override
    public List<String> getHttpRequestHeader(Message request, String name) {
      return request.header(name);
    }

    @Override
    public Integer getHttpResponseStatusCode(
        Message request, Message response, @Nullable Throwable error) {
      return 200;
    }

    @Override
    public List<String> getHttpResponseHeader(Message request, Message response, String name) {
      return response.header(name);
    }

    @Override
    public String getUrlScheme(Message request) {
      return "http";
    }

    @Override
    public String getUrlPath(Message request) {
      return "/calc/estimate";
    }

    @Nullable
    @Override
    public String getUrlQuery(Message request) {
      return null;
    }
  }
}
