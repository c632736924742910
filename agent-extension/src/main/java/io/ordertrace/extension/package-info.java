/**
 * ordertrace: an OpenTelemetry Java agent extension that puts order and user ids on every span of
 * an order's trace, records who called whom, redacts PII before export and samples by order.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension;

import javax.annotation.ParametersAreNonnullByDefault;
