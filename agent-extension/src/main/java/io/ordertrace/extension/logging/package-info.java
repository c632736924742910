/** ordertrace: order and trace ids in the lines of loggers that have no MDC (java.util.logging). */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.logging;

import javax.annotation.ParametersAreNonnullByDefault;
