/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void nearestRankPercentilesOfAHundredSamples() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.add(ms * 1_000_000L);
    }

    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(95)).isEqualTo(95.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    assertThat(latencies.summary())
        .isEqualTo("p50 50.0 ms  p95 95.0 ms  p99 99.0 ms  max 100.0 ms");
  }

  @Test
  void oneSampleIsEveryPercentile() {
    Latencies latencies = new Latencies();
    latencies.add(7_500_000L);

    assertThat(latencies.percentileMillis(50)).isEqualTo(7.5);
    assertThat(latencies.percentileMillis(99)).isEqualTo(7.5);
  }
}
