/**
 * ordertrace: RabbitMQ delivery outcome on consumer spans: queue, redelivery, settlement, silent
 * drops.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.messaging;

import javax.annotation.ParametersAreNonnullByDefault;
