/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static io.ordertrace.extension.redaction.DetectorAssertions.assertUnchanged;
import static io.ordertrace.extension.redaction.DetectorAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.extension.config.RedactionSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyValueSecretDetectorTest {

  private final KeyValueSecretDetector detector =
      new KeyValueSecretDetector(
          new SensitiveKeyMatcher(RedactionSettings.defaults().sensitiveKeys()));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "password=hunter2&user=ivan|password=[REDACTED:secret]&user=ivan",
        "password = hunter2|password = [REDACTED:secret]",
        "pwd: hunter2, next|pwd: [REDACTED:secret], next",
        "{\"password\":\"two words\"}|{\"password\":\"[REDACTED:secret]\"}",
        "{'token': 'abc'}|{'token': '[REDACTED:token]'}",
        "email=x;y|email=[REDACTED:email];y",
        "phone: 123)|phone: [REDACTED:phone])",
        "db_password=x y|db_password=[REDACTED:secret] y",
        "GITHUB_TOKEN=abc|GITHUB_TOKEN=[REDACTED:token]",
        "accessToken: abc|accessToken: [REDACTED:token]",
        "Authorization: Bearer abc|Authorization: Bearer [REDACTED:token]",
        "Cookie: a=1; b=2\\nHost: x|Cookie: [REDACTED:secret]\\nHost: x",
        "{\"secret\":\"a\\\"b\"}|{\"secret\":\"[REDACTED:secret]\"}"
      })
  void replacesTheValueAndKeepsTheKey(String text, String expected) {
    assertThat(run(detector, text.replace("\\n", "\n"))).isEqualTo(expected.replace("\\n", "\n"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "token_type=bearer",
        "email_verified=true",
        "company=Acme",
        "span_id=00f067aa0ba902b7",
        "UPDATE users SET password = ? WHERE id = $1",
        "WHERE session = :session",
        "password: ****",
        "secret: %s",
        "https://shop.ru/orders?page=2",
        "password=",
        "password=[REDACTED:email]"
      })
  void leavesNonSecretsAlone(String text) {
    assertUnchanged(detector, text);
  }
}
