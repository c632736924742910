/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternsTest {

  private final PathPatterns defaults =
      PathPatterns.parse(
          Lists.split(OrderTraceConfig.DEFAULT_DROP_PATHS, ','), "p", (p, v, r) -> {});

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/health, true",
    "/health/, true",
    "/health?full=1, true",
    "/actuator, true",
    "/actuator/health, true",
    "/actuator/health/liveness, true",
    "/metrics, true",
    "/ready, true",
    "/live, true",
    "/healthy, false",
    "/api/health, false",
    "/actuatorx, false",
    "/api/orders/42, false",
  })
  void defaultDropPathsCoverHealthReadinessAndMetrics(String path, boolean dropped) {
    assertThat(defaults.matches(path)).isEqualTo(dropped);
  }

  @Test
  void singleSegmentWildcard() {
    PathPatterns patterns =
        PathPatterns.parse(Arrays.asList("/api/*/status"), "p", (p, v, r) -> {});
    assertThat(patterns.matches("/api/42/status")).isTrue();
    assertThat(patterns.matches("/api/42/other")).isFalse();
  }

  @Test
  void badPatternsAreReportedAndSkipped() {
    List<String> reported = new ArrayList<>();
    PathPatterns patterns =
        PathPatterns.parse(
            Arrays.asList("health", "/a/**/b", "/ok"),
            "ordertrace.sampler.drop-paths",
            (p, v, r) -> reported.add(p + "=" + v));
    assertThat(reported)
        .containsExactly(
            "ordertrace.sampler.drop-paths=health", "ordertrace.sampler.drop-paths=/a/**/b");
    assertThat(patterns.matches("/ok")).isTrue();
  }
}
