/** ordertrace: head sampling that keeps order traces and drops health checks. */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.sampling;

import javax.annotation.ParametersAreNonnullByDefault;
