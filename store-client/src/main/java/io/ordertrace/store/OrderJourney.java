/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Where an order got to, read from its traces in Jaeger JSON: the lifecycle stages it reached (span
 * tag {@code order.stage}, requirement D5) with when and in which service, the stages that failed
 * (tag {@code order.stage.failed}), the first failing span (tag {@code error=true} or {@code
 * otel.status_code=ERROR}, D6), and when anything last happened. An order whose last stage is not
 * in {@link #FINAL_STAGES} has stalled since {@link #lastActivity()} (U3, U4).
 */
public final class OrderJourney {

  /** Stages after which nothing more is expected of an order. */
  public static final Set<String> FINAL_STAGES =
      Set.of("shipped", "delivered", "completed", "cancelled");

  /** Longest exception message kept, in characters. */
  static final int MAX_MESSAGE = 200;

  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

  /** 8 or more digits, single spaces or dashes between them: card, phone, account numbers. */
  private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d(?:[ -]?\\d){7,}");

  /** A date (and hour) inside such a run is not personal data: kept. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2})?");

  private static final Pattern BEARER =
      Pattern.compile("(?i)(bearer|basic|token|password|secret)[=: ]+\\S+");

  private final List<Stage> stages;
  @Nullable private final Failure firstFailure;
  @Nullable private final Instant lastActivity;

  private OrderJourney(
      List<Stage> stages, @Nullable Failure firstFailure, @Nullable Instant lastActivity) {
    this.stages = List.copyOf(stages);
    this.firstFailure = firstFailure;
    this.lastActivity = lastActivity;
  }

  /**
   * A stage the order reached, or that failed.
   *
   * @param name the {@code order.stage} (or {@code order.stage.failed}) value
   * @param time start of the first span that records it
   * @param service the service of that span
   * @param traceId the trace of that span
   * @param failed whether this is a failure of the stage ({@code order.stage.failed})
   */
  public record Stage(String name, Instant time, String service, String traceId, boolean failed) {}

  /**
   * The first span of the order that failed.
   *
   * @param exceptionType tag {@code exception.type}, else the exception event's, else {@code null}
   * @param message {@code exception.message} (else the status description), on one line, at most
   *     {@value #MAX_MESSAGE} characters, with e-mail addresses, long numbers and credentials
   *     masked again; {@code null} when there is none
   * @param stage the span's {@code order.stage.failed} or {@code order.stage}, or {@code null}
   */
  public record Failure(
      String traceId,
      String spanId,
      String service,
      String spanName,
      Instant time,
      @Nullable String exceptionType,
      @Nullable String message,
      @Nullable String stage) {}

  /** The journey told by {@code traces}: Jaeger JSON trace objects, in any order. */
  public static OrderJourney of(Iterable<? extends JsonNode> traces) {
    List<Stage> stages = new ArrayList<>();
    Failure first = null;
    long firstFailureStart = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (JsonNode trace : traces) {
      String traceId = TraceMerger.normalizeId(trace.path("traceID").asText(""));
      for (JsonNode span : trace.path("spans")) {
        long start = JaegerSpans.startMicros(span);
        last = Math.max(last, JaegerSpans.endMicros(span));
        String service = JaegerSpans.service(trace, span);
        String stage = JaegerSpans.tag(span, "order.stage");
        String failedStage = JaegerSpans.tag(span, "order.stage.failed");
        if (stage != null && !stage.isBlank()) {
          stages.add(new Stage(stage, JaegerSpans.instant(start), service, traceId, false));
        }
        if (failedStage != null && !failedStage.isBlank()) {
          stages.add(new Stage(failedStage, JaegerSpans.instant(start), service, traceId, true));
        }
        boolean failed =
            JaegerSpans.isError(span) || (failedStage != null && !failedStage.isBlank());
        if (failed && start < firstFailureStart) {
          firstFailureStart = start;
          first = failure(traceId, span, service, start, failedStage != null ? failedStage : stage);
        }
      }
    }
    stages.sort(Comparator.comparing(Stage::time).thenComparing(Stage::failed));
    List<Stage> distinct = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Stage stage : stages) {
      if (seen.add(stage.name() + (stage.failed() ? "\u0000failed" : ""))) {
        distinct.add(stage);
      }
    }
    return new OrderJourney(
        distinct, first, last == Long.MIN_VALUE ? null : JaegerSpans.instant(last));
  }

  private static Failure failure(
      String traceId, JsonNode span, String service, long start, @Nullable String stage) {
    String type = JaegerSpans.tag(span, "exception.type");
    if (type == null) {
      type = JaegerSpans.exceptionField(span, "exception.type");
    }
    String message = JaegerSpans.tag(span, "exception.message");
    if (message == null) {
      message = JaegerSpans.exceptionField(span, "exception.message");
    }
    if (message == null) {
      message = JaegerSpans.tag(span, "otel.status_description");
    }
    return new Failure(
        traceId,
        span.path("spanID").asText(""),
        service,
        span.path("operationName").asText(""),
        JaegerSpans.instant(start),
        blankToNull(type),
        redact(message),
        blankToNull(stage));
  }

  /**
   * One line, masked again (the agent and the collector redact already; this is the last line of
   * defence for what reaches a terminal, S5), cut to {@value #MAX_MESSAGE} characters.
   */
  @Nullable
  static String redact(@Nullable String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    String text = message.replaceAll("[\\p{Cntrl}\\s\\u2028\\u2029]+", " ").strip();
    text = BEARER.matcher(text).replaceAll("$1 <redacted>");
    text = EMAIL.matcher(text).replaceAll("<email>");
    text =
        LONG_NUMBER
            .matcher(text)
            .replaceAll(
                match -> DATE.matcher(match.group()).matches() ? match.group() : "<number>");
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
  }

  @Nullable
  private static String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** The stages reached (and failed), oldest first; each name once (once more if it failed). */
  public List<Stage> stages() {
    return stages;
  }

  /** The earliest failing span of the order, or empty. */
  public Optional<Failure> firstFailure() {
    return Optional.ofNullable(firstFailure);
  }

  /** The end of the order's latest span, or empty without spans. */
  public Optional<Instant> lastActivity() {
    return Optional.ofNullable(lastActivity);
  }

  /** The latest stage entry (reached or failed), or empty. */
  public Optional<Stage> lastStage() {
    return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
  }

  /** Whether the latest stage entry is a final stage that was reached (not failed). */
  public boolean finished() {
    return lastStage()
        .map(stage -> !stage.failed() && FINAL_STAGES.contains(stage.name()))
        .orElse(false);
  }
}
