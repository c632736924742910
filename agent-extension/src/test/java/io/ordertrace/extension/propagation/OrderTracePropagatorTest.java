/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.ordertrace.extension.MapGetter;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

class OrderTracePropagatorTest {

  private static final TextMapGetter<Map<String, String>> GETTER = MapGetter.INSTANCE;

  private final OrderTracePropagator internal =
      new OrderTracePropagator(OrderTraceConfig.defaults(), "crm-api");

  private static OrderTracePropagator edge() {
    return new OrderTracePropagator(
        OrderTraceConfig.parse(
            PropertySource.of(Collections.singletonMap("ordertrace.edge", "true")),
            (p, v, r) -> {}),
        "shop-api");
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  @Test
  void extractKeepsOwnedEntriesAndTheCallerAndIgnoresTheRest() {
    Context context =
        internal.extract(
            Context.root(),
            headers(
                "baggage",
                "tenant=evil, order.id=100042;prop=1, user.id=u-7,caller.service.name=shop-api"),
            GETTER);

    IncomingValues incoming = IncomingValues.fromContext(context);
    assertThat(incoming).isNotNull();
    assertThat(incoming.baggageOrderId()).isEqualTo("100042");
    assertThat(incoming.baggageUserId()).isEqualTo("u-7");
    assertThat(incoming.caller()).isEqualTo("shop-api");
    assertThat(Baggage.fromContext(context).isEmpty()).isTrue();
  }

  @Test
  void extractReadsTheHeadersNamedBySources() {
    Context context =
        internal.extract(
            Context.root(),
            headers("x-order-id", "100042", "X-User-Id", "u-1", "Authorization", "Bearer a.b.c"),
            GETTER);

    IncomingValues incoming = IncomingValues.fromContext(context);
    assertThat(incoming.header("X-Order-Id")).isEqualTo("100042");
    assertThat(incoming.header("x-user-id")).isEqualTo("u-1");
    assertThat(incoming.header("authorization")).isEqualTo("Bearer a.b.c");
    assertThat(incoming.header("order_id")).isNull();
  }

  @Test
  void edgeIgnoresIncomingBaggageEntirely() {
    Context context =
        edge()
            .extract(
                Context.root(),
                headers("baggage", "order.id=forged,user.id=admin,caller.service.name=crm-api"),
                GETTER);

    assertThat(IncomingValues.fromContext(context)).isNull();
  }

  @Test
  void oversizedOrMalformedBaggageIsIgnoredNeverAnError() {
    StringBuilder huge = new StringBuilder("order.id=1");
    while (huge.length() <= 8192) {
      huge.append(",k=v");
    }
    assertThat(
            IncomingValues.fromContext(
                internal.extract(Context.root(), headers("baggage", huge.toString()), GETTER)))
        .isNull();
    for (String malformed :
        new String[] {
          "order.id",
          "=,=,;;",
          "order.id=%zz",
          "order.id=%4",
          "order.id=<script>",
          ",,,",
          "order.id=a b"
        }) {
      Context context = internal.extract(Context.root(), headers("baggage", malformed), GETTER);
      IncomingValues incoming = IncomingValues.fromContext(context);
      assertThat(incoming == null ? null : incoming.baggageOrderId()).as(malformed).isNull();
    }
  }

  @Test
  void percentEncodedValuesAreDecodedThenChecked() {
    Context context =
        internal.extract(
            Context.root(), headers("baggage", "order.id=ORD%2D42,user.id=a%40b.c"), GETTER);
    IncomingValues incoming = IncomingValues.fromContext(context);
    assertThat(incoming.baggageOrderId()).isEqualTo("ORD-42");
    assertThat(incoming.baggageUserId()).as("an e-mail is not an id").isNull();
  }

  @Test
  void injectWritesOwnedEntriesAndThisServiceName() {
    Map<String, String> out = new HashMap<>();
    Context context =
        Context.root()
            .with(
                Baggage.builder()
                    .put("order.id", "100042")
                    .put("user.id", "u-7")
                    .put("secret", "x")
                    .build());

    internal.inject(context, out, Map::put);

    assertThat(out).containsOnlyKeys("baggage");
    assertThat(out.get("baggage"))
        .isEqualTo("order.id=100042,user.id=u-7,caller.service.name=crm-api");
  }

  @Test
  void injectWritesNothingTowardExternalDestinations() {
    Map<String, String> out = new HashMap<>();
    Context context =
        Egress.markExternal(Context.root().with(Baggage.builder().put("order.id", "1").build()));

    internal.inject(context, out, Map::put);

    assertThat(out).isEmpty();
  }

  @Test
  void aThrowingCarrierDoesNotReachTheApplication() {
    TextMapGetter<Map<String, String>> throwing =
        new TextMapGetter<Map<String, String>>() {
          @Override
          public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
          }

          @Override
          public String get(@Nullable Map<String, String> carrier, String key) {
            throw new IllegalStateException("broken carrier");
          }
        };
    Context root = Context.root();
    assertThat(internal.extract(root, new HashMap<>(), throwing)).isSameAs(root);
    internal.inject(
        Context.root().with(Baggage.builder().put("order.id", "1").build()),
        new HashMap<String, String>(),
        (carrier, key, value) -> {
          throw new IllegalStateException("broken setter");
        });
  }
}
