/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import io.ordertrace.store.OrderJourney;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The journey block under {@code find}'s table: stages reached with time and service, the first
 * failing span, and "no activity since T" when the last stage is not final (D5, D6, U3).
 *
 * <pre>
 * journey of order A-1
 *   2026-11-29T10:00:00.000Z  created        shop-api
 *   2026-11-29T10:01:00.000Z  approved       crm-api
 *   2026-11-29T10:01:00.100Z  in_production  mes-api   FAILED
 *   first failure: 2026-11-29T10:01:00.100Z mes-api "order.approved process": java.sql.SQLException: insert failed (trace 0af7...)
 *   no activity since 2026-11-29T10:01:01.005Z: last stage in_production (failed) is not final (cancelled, completed, delivered, shipped)
 * </pre>
 */
final class JourneyRenderer {

  static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Glyphs glyphs;

  JourneyRenderer(Glyphs glyphs) {
    this.glyphs = glyphs;
  }

  String render(String orderId, OrderJourney journey) {
    StringBuilder out = new StringBuilder("journey of order ").append(orderId).append('\n');
    List<OrderJourney.Stage> stages = journey.stages();
    if (stages.isEmpty()) {
      out.append("  no order.stage recorded on any span\n");
    }
    int nameWidth = stages.stream().mapToInt(stage -> stage.name().length()).max().orElse(0);
    int serviceWidth = stages.stream().mapToInt(stage -> stage.service().length()).max().orElse(0);
    for (OrderJourney.Stage stage : stages) {
      String line =
          "  "
              + UTC.format(stage.time())
              + "  "
              + pad(glyphs.truncate(stage.name(), 40), nameWidth)
              + "  "
              + pad(stage.service(), serviceWidth)
              + (stage.failed() ? "  FAILED" : "");
      out.append(line.stripTrailing()).append('\n');
    }
    journey
        .firstFailure()
        .ifPresent(
            failure -> out.append("  first failure: ").append(failure(failure)).append('\n'));
    if (journey.finished()) {
      OrderJourney.Stage last = journey.lastStage().orElseThrow();
      out.append("  finished: ")
          .append(last.name())
          .append(" at ")
          .append(UTC.format(last.time()))
          .append('\n');
    } else {
      journey
          .lastActivity()
          .ifPresent(
              last ->
                  out.append("  no activity since ")
                      .append(UTC.format(last))
                      .append(": ")
                      .append(whyNotFinished(journey))
                      .append('\n'));
    }
    return out.toString();
  }

  private String failure(OrderJourney.Failure failure) {
    StringBuilder text =
        new StringBuilder()
            .append(UTC.format(failure.time()))
            .append(' ')
            .append(failure.service())
            .append(" \"")
            .append(glyphs.truncate(failure.spanName(), 60))
            .append('"');
    if (failure.exceptionType() != null) {
      text.append(": ").append(glyphs.truncate(failure.exceptionType(), 100));
    }
    if (failure.message() != null) {
      text.append(": ").append(failure.message());
    }
    text.append(" (trace ").append(failure.traceId()).append(')');
    return text.toString();
  }

  private static String whyNotFinished(OrderJourney journey) {
    String finals = String.join(", ", new TreeSet<>(OrderJourney.FINAL_STAGES));
    return journey
        .lastStage()
        .map(
            stage ->
                "last stage "
                    + stage.name()
                    + (stage.failed() ? " (failed)" : "")
                    + " is not final ("
                    + finals
                    + ")")
        .orElse("no stage recorded; final stages are " + finals);
  }

  /** The {@code --json} form. */
  static Map<String, Object> toJson(OrderJourney journey) {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Object> stages = new ArrayList<>();
    for (OrderJourney.Stage stage : journey.stages()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("stage", stage.name());
      item.put("time", time(stage.time()));
      item.put("service", stage.service());
      item.put("traceId", stage.traceId());
      item.put("failed", stage.failed());
      stages.add(item);
    }
    json.put("stages", stages);
    json.put(
        "firstFailure",
        journey
            .firstFailure()
            .map(
                failure -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("time", time(failure.time()));
                  item.put("service", failure.service());
                  item.put("spanName", failure.spanName());
                  item.put("exceptionType", failure.exceptionType());
                  item.put("message", failure.message());
                  item.put("stage", failure.stage());
                  item.put("traceId", failure.traceId());
                  item.put("spanId", failure.spanId());
                  return (Object) item;
                })
            .orElse(null));
    json.put("lastActivity", journey.lastActivity().map(JourneyRenderer::time).orElse(null));
    json.put("finished", journey.finished());
    return json;
  }

  private static String time(Instant instant) {
    return UTC.format(instant);
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
