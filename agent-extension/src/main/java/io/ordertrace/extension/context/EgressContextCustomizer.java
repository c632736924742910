/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.ContextCustomizer;
import io.ordertrace.extension.HookFailures;
import io.ordertrace.extension.config.HostMatcher;
import io.ordertrace.extension.propagation.Egress;
import io.ordertrace.extension.propagation.OwnedBaggage;
import javax.annotation.Nullable;

/**
 * Runs when an HTTP CLIENT span is about to start. A call to a host outside the internal list
 * (payment, delivery, notification providers) keeps its trace context but loses all baggage: no
 * internal business context reaches third parties (requirement C5). The client span itself still
 * carries {@code order.id} through the {@link OrderContext}.
 */
final class EgressContextCustomizer implements ContextCustomizer<Object> {

  @Nullable private final HostMatcher internalHosts;
  private final HookFailures failures = new HookFailures("egress rule");

  EgressContextCustomizer(@Nullable HostMatcher internalHosts) {
    this.internalHosts = internalHosts;
  }

  /** Without a configuration no host is known to be internal: nothing carries baggage. */
  static EgressContextCustomizer allExternal() {
    return new EgressContextCustomizer(null);
  }

  @Override
  public Context onStart(Context context, Object request, Attributes startAttributes) {
    try {
      if (internalHosts != null
          && internalHosts.matches(startAttributes.get(SemanticAttributes.SERVER_ADDRESS))) {
        return context;
      }
      Context external = Egress.markExternal(context);
      Baggage baggage = Baggage.fromContext(context);
      if (OrderContext.fromContext(context) == null && !baggage.isEmpty()) {
        // keep the ids for this span's attributes, taken from application-set baggage
        external =
            new OrderContext(
                    baggage.getEntryValue(OwnedBaggage.ORDER_ID),
                    baggage.getEntryValue(OwnedBaggage.USER_ID),
                    null)
                .storeIn(external);
      }
      return external.with(Baggage.empty());
    } catch (Throwable failure) {
      failures.report(failure);
      // fail closed: an error here must not send business context outside
      return Egress.markExternal(context).with(Baggage.empty());
    }
  }
}
