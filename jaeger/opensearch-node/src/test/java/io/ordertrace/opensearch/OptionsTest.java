/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void defaultsAreTheUsualPortsAndALocalDataDirectory() {
    Options options = Options.parse(List.of());

    assertThat(options.httpPort()).isEqualTo(9200);
    assertThat(options.transportPort()).isEqualTo(9300);
    assertThat(options.clusterName()).isEqualTo("ordertrace");
    assertThat(options.dataDir()).isEqualTo(Paths.get("opensearch-data").toAbsolutePath());
    assertThat(options.help()).isFalse();
  }

  @Test
  void everyOptionIsTaken() {
    Options options =
        Options.parse(
            List.of(
                "--http-port",
                "19200",
                "--transport-port",
                "19300",
                "--data-dir",
                "/tmp/os",
                "--cluster-name",
                "bench-1"));

    assertThat(options)
        .isEqualTo(new Options(19200, 19300, Paths.get("/tmp/os"), "bench-1", false));
  }

  @Test
  void helpWinsOverEverythingAfterIt() {
    assertThat(Options.parse(List.of("--help", "--http-port", "nope")).help()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--http-port abc             | --http-port 'abc' is not a port number",
        "--http-port 0               | --http-port 0 is not in 1-65535",
        "--transport-port 70000      | --transport-port 70000 is not in 1-65535",
        "--http-port                 | --http-port needs a value (see --help)",
        "--bind 0.0.0.0              | unknown option --bind (see --help)",
        "extra                       | unexpected argument 'extra' (see --help)",
        "--cluster-name a/b          | --cluster-name 'a/b': letters, digits, '_', '.', '-', at most 64",
        "--http-port 9300            | --http-port and --transport-port are both 9300: they must differ",
      })
  void badInputIsOneClearLine(String args, String message) {
    assertThatThrownBy(() -> Options.parse(Arrays.asList(args.split(" "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
