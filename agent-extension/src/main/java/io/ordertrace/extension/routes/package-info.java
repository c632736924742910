/**
 * ordertrace: routes and span names for HTTP servers that report no route, names of client spans.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.routes;

import javax.annotation.ParametersAreNonnullByDefault;
