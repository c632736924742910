/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTracesTableTest {

  @Test
  void rowsInTimeOrderWithServicesStagesAndErrors() {
    // given newest first: the table must still start with the oldest
    String table =
        new OrderTracesTable(Glyphs.ASCII).render(List.of(Fixtures.trace2(), Fixtures.trace1()));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("START (UTC)")
        .contains(
            "TRACE ID",
            "ROOT",
            "SERVICES",
            "STAGES",
            "STATUS",
            "DURATION",
            "ERRORS",
            "FIRST ERROR");
    assertThat(lines.get(1))
        .startsWith(
            "2026-11-23T03:58:50.000Z  0af7651916cd43dd8448eb211c80319c  shop-api POST /api/orders")
        .contains("shop-api > crm-api > mes-api")
        .contains("created,approved,in_production")
        .contains("ERROR   100 ms")
        .endsWith("1       mes-api order.approved process");
    assertThat(lines.get(2))
        .startsWith(
            "2026-11-23T04:58:50.000Z  00b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5  mes-api POST /mes/orders/{id}/ship")
        .contains("  mes-api  ")
        .contains("  shipped  ")
        .contains("OK      250 ms")
        .endsWith("0       -");
  }

  @Test
  void columnsLineUp() {
    String table =
        new OrderTracesTable(Glyphs.ASCII).render(List.of(Fixtures.trace1(), Fixtures.trace2()));
    List<String> lines = table.lines().toList();

    int status = lines.get(0).indexOf("STATUS");
    assertThat(lines.get(1).substring(status)).startsWith("ERROR");
    assertThat(lines.get(2).substring(status)).startsWith("OK");
  }

  @Test
  void missingRootIsSaidNotGuessed() {
    TraceSpan orphan =
        new TraceSpan(
            "01",
            "ff",
            "crm-api",
            "POST /crm/orders",
            "SERVER",
            5,
            10,
            false,
            null,
            null,
            "O-1",
            null);

    assertThat(OrderTracesTable.root(new Trace("ab", List.of(orphan))))
        .isEqualTo("(root missing) crm-api POST /crm/orders");
  }

  @Test
  void jsonRow() {
    Map<String, Object> row = OrderTracesTable.toJson(Fixtures.trace1());

    assertThat(row)
        .containsEntry("start", "2026-11-23T03:58:50.000Z")
        .containsEntry("traceId", Fixtures.TRACE_1_ID)
        .containsEntry("rootService", "shop-api")
        .containsEntry("status", "ERROR")
        .containsEntry("errorCount", 1)
        .containsEntry("durationMs", 100.0);
    assertThat(row.get("services")).isEqualTo(List.of("shop-api", "crm-api", "mes-api"));
    assertThat(((Map<?, ?>) row.get("firstError")).get("error")).isEqualTo("java.sql.SQLException");
  }
}
