/**
 * PII redaction for exported telemetry: spans leave the process only after e-mail addresses, phone
 * numbers, card numbers, tokens, passports, SNILS and values of sensitive keys have been replaced
 * by fixed {@code [REDACTED:<class>]} markers.
 *
 * <p>Everything is compiled once at startup ({@link
 * io.ordertrace.extension.redaction.Redactor#create}) so the export path only runs a cheap scan per
 * value and the few patterns that scan selects.
 */
@ParametersAreNonnullByDefault
package io.ordertrace.extension.redaction;

import javax.annotation.ParametersAreNonnullByDefault;
