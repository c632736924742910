/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  private final Env env =
      new Env(Map.of("PORT", "9000", "BAD", "x", "BLANK", "  ", "FAIL", "\\d*1", "BROKEN", "(("));

  @Test
  void readsValuesWithDefaults() {
    assertThat(env.getInt("PORT", 1)).isEqualTo(9000);
    assertThat(env.getInt("MISSING", 7)).isEqualTo(7);
    assertThat(env.get("BLANK", "dflt")).isEqualTo("dflt");
    assertThatThrownBy(() -> env.getInt("BAD", 1))
        .hasMessageContaining("BAD")
        .hasMessageContaining("whole number");
  }

  @Test
  void faultRulesMatchWholeOrderIds() {
    FaultRule rule = env.fault("FAIL");
    assertThat(rule.matches("100001")).isTrue();
    assertThat(rule.matches("100011")).isTrue();
    assertThat(rule.matches("100010")).isFalse();
    assertThat(rule.matches(null)).isFalse();
    assertThat(rule.toString()).isEqualTo("FAIL=\\d*1");
  }

  @Test
  void unsetFaultNeverMatchesAndBadRegexIsReported() {
    assertThat(env.fault("NOPE").matches("100001")).isFalse();
    assertThat(env.fault("NOPE").enabled()).isFalse();
    assertThatThrownBy(() -> env.fault("BROKEN"))
        .hasMessageContaining("BROKEN")
        .hasMessageContaining("regular expression");
  }
}
