/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceIdsTest {

  @Test
  void padsTheShortIdsJaegerPrints() {
    // Jaeger prints trace ids without leading zeros: 0af7... comes back as af7...
    assertThat(TraceIds.normalizeTraceId("af7651916cd43dd8448eb211c80319c"))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(TraceIds.normalizeTraceId("ABC")).isEqualTo("00000000000000000000000000000abc");
  }

  @Test
  void refusesNonHex() {
    assertThatThrownBy(() -> TraceIds.normalizeTraceId("xyz")).isInstanceOf(CliException.class);
    assertThatThrownBy(() -> TraceIds.normalizeTraceId("0".repeat(33)))
        .isInstanceOf(CliException.class);
    assertThatThrownBy(() -> TraceIds.normalizeTraceId("")).isInstanceOf(CliException.class);
  }

  @Test
  void readsBase64AndHexFromJson() {
    assertThat(TraceIds.fromJson("CvdlGRbNQ92ESOshHIAxnA==", 16))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(TraceIds.fromJson("0AF7651916CD43DD8448EB211C80319C", 16))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(TraceIds.fromJson("t61rcWkgMzE=", 8)).isEqualTo("b7ad6b7169203331");
    assertThat(TraceIds.fromJson("b7ad6b7169203331", 8)).isEqualTo("b7ad6b7169203331");
    assertThat(TraceIds.fromJson("", 8)).isNull();
    assertThat(TraceIds.fromJson(null, 8)).isNull();
  }
}
