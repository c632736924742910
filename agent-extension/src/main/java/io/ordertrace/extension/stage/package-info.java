/** ordertrace: the order stage a span reached or failed, and the cause of server errors. */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.stage;

import javax.annotation.ParametersAreNonnullByDefault;
