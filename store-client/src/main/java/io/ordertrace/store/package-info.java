/**
 * Client of Jaeger v2's HTTP query API, shared by {@code bin/ordertrace} and the gateway.
 *
 * <p>{@link io.ordertrace.store.JaegerQueryClient} finds an order's traces (requirement U1) by
 * asking every service, since Jaeger's {@code /api/traces} requires one, and merges the answers by
 * trace id; {@link io.ordertrace.store.OrderJourney} tells which stages an order reached and where
 * it first failed (D5, D6, U3).
 */
@ParametersAreNonnullByDefault
package io.ordertrace.store;

import javax.annotation.ParametersAreNonnullByDefault;
