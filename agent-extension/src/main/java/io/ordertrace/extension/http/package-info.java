/** ordertrace: HTTP data the instrumentation does not record by default (body sizes, D4). */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.http;

import javax.annotation.ParametersAreNonnullByDefault;
