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

class HostMatcherTest {

  private final HostMatcher defaults =
      HostMatcher.parse(Lists.split(HostMatcher.DEFAULTS, ','), "p", (p, v, r) -> {});

  @ParameterizedTest(name = "{0} internal: {1}")
  @CsvSource({
    "localhost, true",
    "127.0.0.1, true",
    "127.10.0.3, true",
    "::1, true",
    "[::1], true",
    "10.1.2.3, true",
    "172.16.0.1, true",
    "172.31.255.255, true",
    "172.32.0.1, false",
    "192.168.1.10, true",
    "crm-api, true",
    "rabbitmq, true",
    "mes-api.production.svc.cluster.local, true",
    "fd12:3456::1, true",
    "8.8.8.8, false",
    "2001:db8::1, false",
    "pay.alexandrite-payments.example, false",
    "api.sms-provider.ru, false",
    "evil.svc.cluster.local.attacker.com, false",
    // every IPv4 literal spelling is normalised before matching
    "2130706433, true",
    "134744072, false",
    "0x08080808, false",
    "0x7f000001, true",
    "0177.0.0.1, true",
    "0x7f.0.0.1, true",
    "127.1, true",
    "8.8.2056, false",
    "10.1.2, true",
    "012.0.0.1, true",
    "010.8.8.8, false", // octal: 8.8.8.8, not in 10.0.0.0/8
    "::ffff:127.0.0.1, true",
    "[::ffff:8.8.8.8], false",
    "::ffff:808:808, false",
    "::ffff:a00:1, true",
    "8.8.8.8., false",
    "0x1g.0.0.1, false",
    "99999999999, false",
    "1.2.3.4.5, false",
  })
  void defaultsTreatLoopbackPrivateRangesAndClusterNamesAsInternal(String host, boolean internal) {
    assertThat(defaults.matches(host)).isEqualTo(internal);
  }

  @Test
  void unknownOrMissingHostIsExternal() {
    assertThat(defaults.matches(null)).isFalse();
    assertThat(defaults.matches("")).isFalse();
  }

  @Test
  void customGlobsAndBadEntries() {
    List<String> reported = new ArrayList<>();
    HostMatcher matcher =
        HostMatcher.parse(
            Arrays.asList("*.corp.example", "10.0.0.0/33", "mes*", "crm.example"),
            "ordertrace.propagation.internal-hosts",
            (p, v, r) -> reported.add(v));
    assertThat(reported).containsExactly("10.0.0.0/33", "mes*");
    assertThat(matcher.matches("crm.corp.example")).isTrue();
    assertThat(matcher.matches("CRM.EXAMPLE")).isTrue();
    assertThat(matcher.matches("corp.example")).isFalse();
    assertThat(matcher.matches("crm-api")).isFalse();
  }
}
