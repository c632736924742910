/**
 * ordertrace: what crosses process boundaries: owned W3C baggage entries, only toward internal
 * destinations.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.propagation;

import javax.annotation.ParametersAreNonnullByDefault;
