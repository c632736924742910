/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.ordertrace.extension.MapGetter;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import io.ordertrace.extension.propagation.Egress;
import io.ordertrace.extension.propagation.OrderTracePropagator;
import io.ordertrace.extension.stage.OrderOutcomeSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Given a request, when the agent starts its spans, then every span carries the order. */
class OrderContextFlowTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracerProvider;
  private Tracer tracer;

  @AfterEach
  void close() {
    if (tracerProvider != null) {
      tracerProvider.close();
    }
  }

  private static OrderTraceConfig config(String... pairs) {
    return OrderTraceConfig.parse(
        PropertySource.of(headers(pairs)),
        (p, v, r) -> {
          throw new AssertionError(p + "=" + v + ": " + r);
        });
  }

  /** Headers given as name, value, name, value... */
  private static Map<String, String> headers(String... pairs) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  /** An HTTP request received by a service with this configuration. */
  private Context receive(OrderTraceConfig config, Map<String, String> headers, Attributes http) {
    return receive(config, headers, http, SpanKind.SERVER);
  }

  /**
   * What a server instrumentation does in a service with this configuration: extract, customize,
   * start the span.
   */
  private Context receive(
      OrderTraceConfig config,
      Map<String, String> headers,
      Attributes startAttributes,
      SpanKind kind) {
    tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(new OrderContextSpanProcessor(config))
            .addSpanProcessor(
                new OrderOutcomeSpanProcessor(config.stageRules(), config.orderData().routes()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracer = tracerProvider.get("test");
    OrderTracePropagator propagator = new OrderTracePropagator(config, "self");
    Context extracted = propagator.extract(Context.root(), headers, MapGetter.INSTANCE);
    Channel channel = kind == SpanKind.SERVER ? Channel.HTTP : Channel.MESSAGE;
    Context customized =
        new OrderContextCustomizer(new BusinessContextResolver(config), channel)
            .onStart(extracted, new Object(), startAttributes);
    Span span =
        tracer
            .spanBuilder("server")
            .setSpanKind(kind)
            .setAllAttributes(startAttributes)
            .setParent(customized)
            .startSpan();
    return customized.with(span);
  }

  private static Attributes http(String method, String path, String query) {
    return Attributes.builder()
        .put("http.request.method", method)
        .put("url.path", path)
        .put("url.query", query)
        .build();
  }

  private List<SpanData> endAll(Context server) {
    tracer.spanBuilder("child").setParent(server).startSpan().end();
    Span.fromContext(server).end();
    return exporter.getFinishedSpanItems();
  }

  @Test
  void orderIdFromThePathAndUserFromTheHeaderReachEverySpan() {
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers("X-User-Id", "u-1001"),
            http("GET", "/api/orders/100042/items", null));

    assertThat(Baggage.fromContext(server).getEntryValue("order.id")).isEqualTo("100042");
    assertThat(endAll(server))
        .hasSize(2)
        .allSatisfy(
            span ->
                assertThat(span)
                    .hasAttribute(OrderTraceAttributes.ORDER_ID, "100042")
                    .hasAttribute(OrderTraceAttributes.USER_ID, "u-1001"));
  }

  @Test
  void sourcesApplyInOrderQueryThenHeader() {
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers("X-Order-Id", "from-header"),
            http("GET", "/other", "a=1&orderId=from-query"));
    assertThat(OrderContext.fromContext(server).orderId()).isEqualTo("from-query");
  }

  @Test
  void internalServiceTakesIdsAndCallerFromBaggageAndDropsForeignEntries() {
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers("baggage", "order.id=100042,user.id=u-7,caller.service.name=shop-api,tenant=x"),
            http("POST", "/crm/intake", null));

    assertThat(Baggage.fromContext(server).asMap()).containsOnlyKeys("order.id", "user.id");
    List<SpanData> spans = endAll(server);
    SpanData serverSpan = spans.get(1);
    assertThat(serverSpan)
        .hasAttribute(OrderTraceAttributes.ORDER_ID, "100042")
        .hasAttribute(OrderTraceAttributes.USER_ID, "u-7")
        .hasAttribute(OrderTraceAttributes.CALLER_SERVICE_NAME, "shop-api");
    assertThat(spans.get(0).getAttributes().get(OrderTraceAttributes.CALLER_SERVICE_NAME))
        .as("only the receiving span records the caller")
        .isNull();
  }

  @Test
  void edgeServiceNeverTrustsIncomingBaggage() {
    Context server =
        receive(
            config("ordertrace.edge", "true"),
            headers("baggage", "order.id=forged,user.id=admin,caller.service.name=crm-api"),
            http("GET", "/api/catalog", null));

    assertThat(Baggage.fromContext(server).isEmpty()).isTrue();
    SpanData span = endAll(server).get(1);
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_ID)).isNull();
    assertThat(span.getAttributes().get(OrderTraceAttributes.USER_ID)).isNull();
    assertThat(span.getAttributes().get(OrderTraceAttributes.CALLER_SERVICE_NAME)).isNull();
  }

  @Test
  void forgedValuesOutsideTheIdCharsetAreRefused() {
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers("X-Order-Id", "1 OR 1=1", "X-User-Id", "ivan@mail.ru"),
            http("GET", "/x", null));
    assertThat(OrderContext.fromContext(server)).isNull();
  }

  @Test
  void userIdFromJwtSubjectWithoutKeepingTheToken() {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"iss\":\"sso\",\"sub\":\"u-2002\"}".getBytes(StandardCharsets.UTF_8));
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9." + payload + ".c2lnbmF0dXJl"),
            http("GET", "/api/catalog", null));

    SpanData span = endAll(server).get(1);
    assertThat(span).hasAttribute(OrderTraceAttributes.USER_ID, "u-2002");
    assertThat(span.getAttributes().toString()).doesNotContain(payload);
  }

  @Test
  void messageHeaderGivesTheOrderOfAConsumedMessageAndItsStage() {
    Attributes start =
        Attributes.builder()
            .put("messaging.system", "rabbitmq")
            .put("messaging.destination.name", "orders")
            .put("messaging.rabbitmq.destination.routing_key", "order.approved")
            .build();
    Context consumer =
        receive(
            OrderTraceConfig.defaults(),
            headers("order_id", "100042", "baggage", "caller.service.name=crm-api"),
            start,
            SpanKind.CONSUMER);

    SpanData span = endAll(consumer).get(1);
    assertThat(span)
        .hasAttribute(OrderTraceAttributes.ORDER_ID, "100042")
        .hasAttribute(OrderTraceAttributes.CALLER_SERVICE_NAME, "crm-api")
        .hasAttribute(OrderTraceAttributes.ORDER_STAGE, "in_production");
  }

  @Test
  void serverSpanRecordsTheStageOfItsRoute() {
    Context server =
        receive(
            OrderTraceConfig.defaults(),
            headers(),
            http("POST", "/crm/orders/100042/approve", null));
    assertThat(endAll(server).get(1)).hasAttribute(OrderTraceAttributes.ORDER_STAGE, "approved");
  }

  @Test
  void externalCallKeepsOrderOnItsSpanButCarriesNoBaggage() {
    OrderTraceConfig config = OrderTraceConfig.defaults();
    Context server = receive(config, headers(), http("GET", "/crm/orders/100042", null));
    EgressContextCustomizer egress = new EgressContextCustomizer(config.internalHosts());

    Context external =
        egress.onStart(
            server,
            new Object(),
            Attributes.of(AttributeKey.stringKey("server.address"), "pay.example.com"));
    Context internal =
        egress.onStart(
            server,
            new Object(),
            Attributes.of(AttributeKey.stringKey("server.address"), "mes-api"));

    assertThat(Egress.isExternal(external)).isTrue();
    assertThat(Baggage.fromContext(external).isEmpty()).isTrue();
    assertThat(internal).isSameAs(server);
    Span client =
        tracer.spanBuilder("charge").setSpanKind(SpanKind.CLIENT).setParent(external).startSpan();
    client.end();
    assertThat(exporter.getFinishedSpanItems().get(0))
        .hasAttribute(OrderTraceAttributes.ORDER_ID, "100042");
  }

  @Test
  void orderIdFromTheLocationHeaderOfTheCreatingResponse() {
    OrderTraceConfig config =
        config("ordertrace.order-id.sources", "path:/api/orders/{id},response-header:Location");
    ResponseOrderIdExtractor extractor = ResponseOrderIdExtractor.create(config);
    io.opentelemetry.api.common.AttributesBuilder captured = Attributes.builder();
    Attributes atEnd =
        Attributes.of(
            AttributeKey.stringArrayKey("http.response.header.location"),
            java.util.Collections.singletonList("http://shop:8080/api/orders/100077"));
    AttributesBuilderView view = new AttributesBuilderView(atEnd);

    extractor.onEnd(view, Context.root(), new Object(), null, null);

    assertThat(view.put).containsEntry(OrderTraceAttributes.ORDER_ID, "100077");
    assertThat(captured.build().isEmpty()).isTrue();
  }

  /** Stands in for the agent's builder, which is both Attributes and AttributesBuilder. */
  private static final class AttributesBuilderView
      implements Attributes, io.opentelemetry.api.common.AttributesBuilder {
    final Map<AttributeKey<?>, Object> put = new HashMap<>();
    private final Attributes current;

    AttributesBuilderView(Attributes current) {
      this.current = current;
    }

    @Override
    public <T> T get(AttributeKey<T> key) {
      return current.get(key);
    }

    @Override
    public void forEach(
        java.util.function.BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
      current.forEach(consumer);
    }

    @Override
    public int size() {
      return current.size();
    }

    @Override
    public boolean isEmpty() {
      return current.isEmpty();
    }

    @Override
    public Map<AttributeKey<?>, Object> asMap() {
      return current.asMap();
    }

    @Override
    public io.opentelemetry.api.common.AttributesBuilder toBuilder() {
      return current.toBuilder();
    }

    @Override
    public Attributes build() {
      return current;
    }

    @Override
    public <T> io.opentelemetry.api.common.AttributesBuilder put(
        AttributeKey<Long> key, int value) {
      put.put(key, (long) value);
      return this;
    }

    @Override
    public <T> io.opentelemetry.api.common.AttributesBuilder put(AttributeKey<T> key, T value) {
      put.put(key, value);
      return this;
    }

    @Override
    public io.opentelemetry.api.common.AttributesBuilder putAll(Attributes attributes) {
      attributes.forEach(put::put);
      return this;
    }
  }
}
