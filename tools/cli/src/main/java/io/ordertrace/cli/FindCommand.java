/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrace.store.JaegerQueryClient;
import io.ordertrace.store.OrderJourney;
import io.ordertrace.store.TraceSearch;
import io.ordertrace.store.TraceSearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ordertrace find --order <id>}: every trace of one order, oldest first, then the order's
 * journey (U1, D5, D6). From Jaeger (every service asked, answers merged) or, with {@code
 * --archive}, from the S3 archive (P3).
 */
@Command(
    name = "find",
    description = "List every trace of one order, oldest first, and the order's journey.")
final class FindCommand implements Callable<Integer> {

  static final int DEFAULT_LIMIT = 100;

  private final Context context;

  @Option(
      names = "--order",
      paramLabel = "ID",
      required = true,
      description = "order id, 1-64 of A-Z a-z 0-9 . _ : -")
  String order;

  @Option(
      names = "--since",
      paramLabel = "WINDOW",
      description = "how far back: 90s, 15m, 12h, 30d, 2w (default: 30d)")
  String since;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "window start: 2026-11-29T10:00:00Z or 2026-11-29")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "window end (default: now)")
  String to;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "ask only this service (default: every service)")
  String service;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_LIMIT,
      description = "at most N traces per service, 1-1000 (default: ${DEFAULT-VALUE})")
  int limit;

  @Mixin StoreOptions store;

  @Mixin ArchiveOptions archive;

  FindCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String orderId = OrderIds.validate(order);
    TimeWindow window = TimeWindow.parse(since, from, to, context.clock());
    if (limit < 1 || limit > 1000) {
      throw new CliException(ExitCodes.USAGE, "invalid --limit: use 1 to 1000");
    }
    if (service != null && service.isBlank()) {
      throw new CliException(ExitCodes.USAGE, "invalid --service: empty");
    }

    archive.checkUnused();
    List<JsonNode> found = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String source;
    if (archive.enabled) {
      ArchiveReader reader = archive.reader(context);
      found.addAll(reader.find(orderId, window, service));
      warnings.addAll(reader.warnings());
      source = "archive " + reader.describe();
    } else {
      JaegerQueryClient client = store.client(context);
      TraceSearchResult result =
          client.findTraces(
              TraceSearch.builder()
                  .service(service)
                  .tag("order.id", orderId)
                  .start(window.from())
                  .end(window.to())
                  .limit(limit)
                  .build());
      result.traces().forEach(found::add);
      warnings.addAll(result.errors());
      source = "Jaeger " + client.baseUrl();
    }
    warnings.forEach(warning -> context.err().println("ordertrace: warning: " + warning));

    List<Trace> traces = OrderTracesTable.inTimeOrder(JaegerTraces.toTraces(found));
    OrderJourney journey = OrderJourney.of(found);
    if (store.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("orderId", orderId);
      json.put("from", JourneyRenderer.UTC.format(window.from()));
      json.put("to", JourneyRenderer.UTC.format(window.to()));
      json.put("source", source);
      List<Object> rows = new ArrayList<>();
      traces.forEach(trace -> rows.add(OrderTracesTable.toJson(trace)));
      json.put("traces", rows);
      json.put("journey", traces.isEmpty() ? null : JourneyRenderer.toJson(journey));
      json.put("warnings", warnings);
      context.out().println(Main.json(json));
    } else if (!traces.isEmpty()) {
      Glyphs glyphs = store.glyphs(context.env());
      context
          .out()
          .println(
              "order "
                  + orderId
                  + ": "
                  + traces.size()
                  + (traces.size() == 1 ? " trace" : " traces")
                  + " in "
                  + window.description()
                  + " ("
                  + source
                  + ")");
      context.out().println();
      context.out().print(new OrderTracesTable(glyphs).render(traces));
      context.out().println();
      context.out().print(new JourneyRenderer(glyphs).render(orderId, journey));
    }
    if (traces.isEmpty()) {
      context
          .err()
          .println(
              "no traces found for order "
                  + orderId
                  + " in "
                  + window.description()
                  + " ("
                  + source
                  + ")");
      return ExitCodes.NOT_FOUND;
    }
    return ExitCodes.OK;
  }
}
