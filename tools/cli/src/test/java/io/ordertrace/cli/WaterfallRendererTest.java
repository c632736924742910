/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterfallRendererTest {

  @Test
  void rendersTreeOrderBarsErrorsAndOrphans() {
    String rendered = new WaterfallRenderer(20, Glyphs.ASCII).render(Fixtures.trace1());

    // 100 ms over 20 cells: 5 ms per cell. Start cells round down, end cells round up.
    assertThat(rendered)
        .isEqualTo(
            "trace 0af7651916cd43dd8448eb211c80319c  order O-1001  100 ms  7 spans  1 error"
                + "  services: shop-api, crm-api, mes-api\n"
                + "\n"
                + "                                       0 ms            100 ms\n"
                + "shop-api POST /api/orders              |####################|   100 ms\n"
                + "  shop-api POST                        |..##########........|  50.0 ms\n"
                + "    crm-api POST /crm/orders           |..##########........|  46.0 ms\n"
                + "      crm-api SELECT crm.orders        |....##..............|  10.0 ms\n"
                + "      crm-api order.approved publish   |........#...........|   5.0 ms\n"
                + "        mes-api order.approved process |..........########..|  40.0 ms"
                + "  x ERROR java.sql.SQLException\n"
                + "mes-api INSERT mes.jobs                |...........###......|  15.0 ms"
                + "  ^ parent not received\n");
  }

  @Test
  void siblingsAreOrderedByStartTimeNotByArrival() {
    // In the fixture the SELECT (20 ms) comes after the publish (40 ms) in the JSON.
    List<String> names =
        WaterfallRenderer.rows(Fixtures.trace1()).stream()
            .map(row -> row.depth() + " " + row.node().span().name())
            .toList();

    assertThat(names)
        .containsExactly(
            "0 POST /api/orders",
            "1 POST",
            "2 POST /crm/orders",
            "3 SELECT crm.orders",
            "3 order.approved publish",
            "4 order.approved process",
            "0 INSERT mes.jobs");
  }

  @Test
  void unicodeMarksErrorsAndOrphans() {
    String rendered = new WaterfallRenderer(20, Glyphs.UNICODE).render(Fixtures.trace1());

    assertThat(rendered)
        .contains("│████████████████████│   100 ms")
        .contains("│          ████████  │  40.0 ms  ✗ ERROR java.sql.SQLException")
        .contains("↑ parent not received");
  }

  @Test
  void neverPrintsOtherAttributesOrTheStatusMessageWhenTheExceptionTypeIsKnown() {
    String rendered = new WaterfallRenderer(40, Glyphs.ASCII).render(Fixtures.trace1());
    String json = Main.json(WaterfallRenderer.toJson(Fixtures.trace1()));

    for (String output : List.of(rendered, json)) {
      assertThat(output)
          .doesNotContain("jane@example.com")
          .doesNotContain("u-17")
          .doesNotContain("do-not-print")
          .doesNotContain("secret text")
          .doesNotContain("h1");
    }
  }

  @Test
  void statusMessageIsShownWhenThereIsNoExceptionType() {
    TraceSpan span =
        new TraceSpan(
            "01",
            null,
            "crm-api",
            "GET /x",
            "SERVER",
            0,
            10,
            true,
            "upstream 503",
            null,
            null,
            null);
    String rendered =
        new WaterfallRenderer(10, Glyphs.ASCII).render(new Trace("ab", List.of(span)));

    assertThat(rendered).contains("x ERROR upstream 503");
  }

  @Test
  void tinySpansGetOneCellAndZeroLengthTracesFillTheBar() {
    TraceSpan whole =
        new TraceSpan(
            "01", null, "a", "root", "SERVER", 0, 1_000_000_000, false, null, null, null, null);
    TraceSpan tiny =
        new TraceSpan(
            "02",
            "01",
            "a",
            "tiny",
            "INTERNAL",
            999_999_999,
            1_000_000_000,
            false,
            null,
            null,
            null,
            null);
    WaterfallRenderer renderer = new WaterfallRenderer(10, Glyphs.ASCII);

    assertThat(renderer.bar(tiny, 0, 1_000_000_000)).isEqualTo(".........#");
    assertThat(renderer.bar(whole, 0, 0)).isEqualTo("##########");
  }

  @Test
  void parentCyclesAreShownNotDropped() {
    TraceSpan a =
        new TraceSpan("0a", "0b", "s", "a", "INTERNAL", 0, 10, false, null, null, null, null);
    TraceSpan b =
        new TraceSpan("0b", "0a", "s", "b", "INTERNAL", 1, 5, false, null, null, null, null);

    List<WaterfallRenderer.Row> rows = WaterfallRenderer.rows(new Trace("ab", List.of(a, b)));

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).node().orphan()).isTrue();
  }

  @Test
  void jsonListsSpansInTreeOrderWithOffsets() {
    Map<String, Object> json = WaterfallRenderer.toJson(Fixtures.trace1());

    assertThat(json).containsEntry("spanCount", 7).containsEntry("errorCount", 1);
    assertThat(json.get("orderIds")).isEqualTo(List.of("O-1001"));
    List<?> spans = (List<?>) json.get("spans");
    Map<?, ?> process = (Map<?, ?>) spans.get(5);
    assertThat(process.get("name")).isEqualTo("order.approved process");
    assertThat(process.get("offsetMs")).isEqualTo(50.0);
    assertThat(process.get("status")).isEqualTo("ERROR");
    assertThat(process.get("error")).isEqualTo("java.sql.SQLException");
    assertThat(((Map<?, ?>) spans.get(6)).get("orphan")).isEqualTo(true);
  }
}
