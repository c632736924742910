/**
 * ordertrace: order and user context, read from requests and messages, kept in Baggage and on
 * spans.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.context;

import javax.annotation.ParametersAreNonnullByDefault;
