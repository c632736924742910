/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.store.OrderJourney;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyRendererTest {

  @Test
  void stagesFirstFailureAndNoActivitySince() {
    OrderJourney journey = OrderJourney.of(Fixtures.jaeger(Fixtures.TRACE_1));

    String block = new JourneyRenderer(Glyphs.ASCII).render("O-1001", journey);

    assertThat(block.lines().toList())
        .containsExactly(
            "journey of order O-1001",
            "  2026-11-23T03:58:50.000Z  created        shop-api",
            "  2026-11-23T03:58:50.012Z  approved       crm-api",
            "  2026-11-23T03:58:50.050Z  in_production  mes-api",
            "  first failure: 2026-11-23T03:58:50.050Z mes-api \"order.approved process\": java.sql.SQLException: "
                + "secret <redacted> (trace 0af7651916cd43dd8448eb211c80319c)",
            "  no activity since 2026-11-23T03:58:50.100Z: last stage in_production is not final "
                + "(cancelled, completed, delivered, shipped)");
  }

  @Test
  void aFinishedOrderSaysSo() {
    OrderJourney journey = OrderJourney.of(Fixtures.jaeger(Fixtures.TRACE_2));

    String block = new JourneyRenderer(Glyphs.ASCII).render("O-1001", journey);

    assertThat(block)
        .endsWith("  finished: shipped at 2026-11-23T04:58:50.000Z\n")
        .doesNotContain("no activity");
  }

  @Test
  void json() {
    Map<String, Object> json =
        JourneyRenderer.toJson(OrderJourney.of(Fixtures.jaeger(Fixtures.TRACE_1)));

    assertThat(json)
        .containsEntry("finished", false)
        .containsEntry("lastActivity", "2026-11-23T03:58:50.100Z");
    assertThat((List<?>) json.get("stages")).hasSize(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) json.get("firstFailure");
    assertThat(failure)
        .containsEntry("exceptionType", "java.sql.SQLException")
        .containsEntry("service", "mes-api");
  }
}
