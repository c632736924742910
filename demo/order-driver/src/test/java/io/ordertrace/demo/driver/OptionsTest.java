/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void defaultsAndOverrides() throws Exception {
    Options d = Options.parse();
    assertThat(d.orders()).isEqualTo(5);
    assertThat(d.shopUrl()).isEqualTo("http://127.0.0.1:8080");
    Options o =
        Options.parse(
            "--orders",
            "12",
            "--shop=http://localhost:9000/",
            "--crm",
            "http://h:1",
            "--mes",
            "http://h:2",
            "--timeout-seconds",
            "5");
    assertThat(o.orders()).isEqualTo(12);
    assertThat(o.shopUrl()).isEqualTo("http://localhost:9000");
    assertThat(o.crmUrl()).isEqualTo("http://h:1");
    assertThat(o.mesUrl()).isEqualTo("http://h:2");
    assertThat(o.timeoutSeconds()).isEqualTo(5);
    assertThat(Options.parse("--help").help()).isTrue();
  }

  @Test
  void explainsBadUsage() {
    assertThatThrownBy(() -> Options.parse("--orders")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse("--orders", "x")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> Options.parse("--orders", "0")).hasMessageContaining("between");
    assertThatThrownBy(() -> Options.parse("--shop", "localhost:8080"))
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> Options.parse("--bogus")).hasMessageContaining("unknown option");
  }

  @Test
  void cliExitCodes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(OrderDriver.run(o, e, "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:");
    assertThat(OrderDriver.run(o, e, "--nope")).isEqualTo(2);
    // Nothing listens on port 1: a clear "not reachable" error and exit code 1.
    assertThat(OrderDriver.run(o, e, "--shop", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("not reachable")
        .contains("start-demo.sh");
  }

  @Test
  void customerDataLooksReal() {
    assertThat(Customers.order(0)).containsKeys("customer", "deliveryAddress", "items");
    assertThat(Customers.userId(0)).isEqualTo("u-1001");
  }
}
