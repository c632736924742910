/** Typed, immutable configuration parsed once at startup from {@code ordertrace.*} properties. */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.config;

import javax.annotation.ParametersAreNonnullByDefault;
