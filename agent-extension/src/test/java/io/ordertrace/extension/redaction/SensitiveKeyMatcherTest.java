/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.extension.config.RedactionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveKeyMatcherTest {

  private final SensitiveKeyMatcher matcher =
      new SensitiveKeyMatcher(RedactionSettings.defaults().sensitiveKeys());

  @ParameterizedTest
  @CsvSource({
    "http.request.header.authorization, [REDACTED:token]",
    "http.request.header.cookie, [REDACTED:secret]",
    "http.response.header.set-cookie, [REDACTED:secret]",
    "app.customer_email, [REDACTED:email]",
    "app.E_Mail, [REDACTED:email]",
    "app.telephone, [REDACTED:phone]",
    "app.card_pan, [REDACTED:card]",
    "app.cardNumber, [REDACTED:card]",
    "app.client_secret, [REDACTED:secret]",
    "app.x-api-key, [REDACTED:secret]",
    "app.refreshToken, [REDACTED:token]",
    "app.passport_no, [REDACTED:passport]",
    "app.snils, [REDACTED:snils]"
  })
  void attributeKeyWhoseLastComponentContainsASensitiveName(String key, String marker) {
    assertThat(matcher.markerForAttributeKey(key)).isEqualTo(marker);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "span.kind",
        "app.company",
        "app.discarded",
        "app.cardinality",
        "email.sender.host.x",
        "http.route",
        "session.id"
      })
  void shortNamesMustBeWholeWordsAndOnlyTheLastComponentCounts(String key) {
    assertThat(matcher.markerForAttributeKey(key)).isNull();
  }

  @Test
  void textKeysMayOnlyFollowTheSensitiveNameWithWordsThatNameTheValue() {
    assertThat(matcher.markerForTextKey("db_password")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("GITHUB_TOKEN")).isEqualTo(Markers.TOKEN);
    assertThat(matcher.markerForTextKey("aws_secret_access_key")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("secret_key")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("pass")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("PHPSESSID")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("session_id")).isEqualTo(Markers.SECRET);
    assertThat(matcher.markerForTextKey("token_type")).isNull();
    assertThat(matcher.markerForTextKey("token_count")).isNull();
    assertThat(matcher.markerForTextKey("card_type")).isNull();
    assertThat(matcher.markerForTextKey("passenger")).isNull();
    assertThat(matcher.markerForTextKey("email_verified")).isNull();
    // the attribute rule is looser on purpose: a value under app.token_type is redacted
    assertThat(matcher.markerForAttributeKey("app.token_type")).isEqualTo(Markers.TOKEN);
  }

  @Test
  void userAddedKeysAreSecrets() {
    SensitiveKeyMatcher custom = new SensitiveKeyMatcher(java.util.Arrays.asList("iban", "inn"));

    assertThat(custom.markerForAttributeKey("payment.inn_code")).isEqualTo(Markers.INN);
    assertThat(custom.markerForAttributeKey("payment.iban")).isEqualTo(Markers.IBAN);
    assertThat(custom.markerForAttributeKey("app.password")).isNull();
  }
}
