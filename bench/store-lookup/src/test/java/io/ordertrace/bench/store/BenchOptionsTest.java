/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {

  private static final Path REPO = Path.of("/repo");

  @Test
  void defaultsAreAMillionSpansOnBothStores() {
    BenchOptions options = BenchOptions.parse(List.of(), REPO);

    assertThat(options.stores()).containsExactly("badger", "opensearch");
    assertThat(options.spans()).isEqualTo(1_000_000);
    assertThat(options.orders()).isEqualTo(50_000);
    assertThat(options.lookups()).isEqualTo(300);
    assertThat(options.workDir()).isEqualTo(Path.of("/repo/bench/store-lookup/target/work"));
    assertThat(options.openSearchHeap()).isEqualTo("1g");
  }

  @Test
  void spansRoundUpToWholeOrders() {
    assertThat(BenchOptions.parse(List.of("--spans", "1001"), REPO).orders()).isEqualTo(51);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--store mysql         | --store 'mysql': expected badger, opensearch or both",
        "--spans 999           | --spans 999 is not in 1000-10000000",
        "--spans many          | --spans 'many' is not a whole number",
        "--lookups 5           | --lookups 5 is not in 10-100000",
        "--senders 0           | --senders 0 is not in 1-32",
        "--opensearch-heap 1t  | --opensearch-heap '1t': expected e.g. 512m or 1g",
        "--spans               | --spans needs a value (see --help)",
        "--fast                | unknown argument '--fast' (see --help)",
      })
  void badArgumentsAreOneClearLine(String args, String message) {
    assertThatThrownBy(() -> BenchOptions.parse(Arrays.asList(args.split(" ")), REPO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
