/**
 * The declarative configuration path ({@code otel.config.file}): a model customizer that reads the
 * {@code instrumentation/development.java.ordertrace} node once, puts the ordertrace sampler,
 * propagator, span and log processors into the model, wraps the exporter of every signal and
 * refuses pull metric readers; and the component providers that build those parts.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.declarative;

import javax.annotation.ParametersAreNonnullByDefault;
