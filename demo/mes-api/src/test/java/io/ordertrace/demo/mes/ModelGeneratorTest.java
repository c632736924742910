/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelGeneratorTest {
  @Test
  void generatesAFewKilobytesOfDeterministicStl() {
    byte[] a = ModelGenerator.ring("100001", 1);
    assertThat(a.length).isBetween(2_000, 16_000);
    assertThat(ModelGenerator.ring("100001", 1)).isEqualTo(a);
    String text = new String(a, StandardCharsets.US_ASCII);
    assertThat(text)
        .startsWith("solid order_100001\n")
        .endsWith("endsolid order_100001\n")
        .contains("vertex");
    assertThat(ModelGenerator.ring("100001", 8).length).isGreaterThan(a.length);
  }
}
