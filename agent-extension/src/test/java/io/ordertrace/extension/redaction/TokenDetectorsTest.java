/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static io.ordertrace.extension.redaction.DetectorAssertions.assertUnchanged;
import static io.ordertrace.extension.redaction.DetectorAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenDetectorsTest {

  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  @Test
  void jwtIsReplacedWhole() {
    assertThat(run(new JwtDetector(), "token " + JWT + " expired"))
        .isEqualTo("token [REDACTED:jwt] expired");
  }

  @Test
  void unsignedJwtIsReplacedToo() {
    assertThat(run(new JwtDetector(), "eyJhbGciOiJub25lIn0.eyJ1IjoxfQ."))
        .isEqualTo("[REDACTED:jwt]");
  }

  @Test
  void bearerAndBasicKeepTheSchemeWord() {
    AuthSchemeDetector detector = new AuthSchemeDetector();
    assertThat(run(detector, "Authorization: Bearer 8f2a9c4e1b7d"))
        .isEqualTo("Authorization: Bearer [REDACTED:token]");
    assertThat(run(detector, "Authorization: Basic dXNlcjpwYXNz"))
        .isEqualTo("Authorization: Basic [REDACTED:token]");
    assertThat(run(detector, "BEARER abc123XYZ")).isEqualTo("BEARER [REDACTED:token]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic information about the order",
        "Bearer authentication failed",
        "bearer token expired",
        "basic-auth enabled"
      })
  void proseAroundSchemeWordsIsLeftAlone(String text) {
    assertUnchanged(new AuthSchemeDetector(), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AKIAIOSFODNN7EXAMPLE",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "xoxb-123456789012-abcdefghijkl",
        "glpat-xxxxxxxxxxxxxxxxxxxx1"
      })
  void wellKnownApiKeysAreSecrets(String key) {
    assertThat(run(new ApiKeyDetector(), "key=" + key + ";")).isEqualTo("key=[REDACTED:secret];");
  }

  @Test
  void apiKeyPrefixesInsideWordsAreIgnored() {
    assertUnchanged(new ApiKeyDetector(), "task_live_reload and ghost_writer");
  }
}
