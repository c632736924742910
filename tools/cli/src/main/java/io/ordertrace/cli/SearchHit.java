package io.ordertrace.cli;

/**
 * One trace listed by Tempo's search.
 *
 * @param traceId 32 hex digits
 * @param startNanos start of the trace, epoch nanoseconds
 */
record SearchHit(String traceId, long startNanos) {}
