/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.extension.redaction.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionSettingsTest {

  private final List<String> errors = new ArrayList<>();
  private final ConfigErrors collect =
      (property, value, reason) -> errors.add(property + " | " + value + " | " + reason);

  private RedactionSettings parse(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return RedactionSettings.parse(PropertySource.of(map), collect);
  }

  @Test
  void unsetPropertiesGiveTheDefaults() {
    RedactionSettings settings = parse();

    assertThat(settings.sensitiveKeys())
        .containsExactlyElementsOf(RedactionSettings.DEFAULT_SENSITIVE_KEYS);
    assertThat(settings.extraPatterns()).isEmpty();
    assertThat(settings.allowedKeys()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void defaultsHoldTheDocumentedSensitiveKeys() {
    assertThat(RedactionSettings.defaults().sensitiveKeys())
        .contains(
            "password",
            "passwd",
            "pwd",
            "secret",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "api_key",
            "apikey",
            "api-key",
            "x-api-key",
            "authorization",
            "cookie",
            "set-cookie",
            "session",
            "sessionid",
            "jsessionid",
            "email",
            "e-mail",
            "phone",
            "mobile",
            "card",
            "card_number",
            "cardnumber",
            "pan",
            "cvv",
            "cvc",
            "passport",
            "snils",
            "client_secret");
  }

  @Test
  void sensitiveKeysReplaceTheDefaults() {
    RedactionSettings settings = parse(RedactionSettings.SENSITIVE_KEYS, "iban, INN");

    assertThat(settings.sensitiveKeys()).containsExactly("iban", "inn");
  }

  @Test
  void leadingPlusAddsToTheDefaults() {
    RedactionSettings settings = parse(RedactionSettings.SENSITIVE_KEYS, "+iban,inn");

    assertThat(settings.sensitiveKeys())
        .containsAll(RedactionSettings.DEFAULT_SENSITIVE_KEYS)
        .contains("iban", "inn");
  }

  @Test
  void badSensitiveKeyIsReportedAndSkipped() {
    RedactionSettings settings = parse(RedactionSettings.SENSITIVE_KEYS, "iban,bad key!,inn");

    assertThat(settings.sensitiveKeys()).containsExactly("iban", "inn");
    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith(RedactionSettings.SENSITIVE_KEYS + " | bad key!");
  }

  @Test
  void extraPatternsAreParsedByNameAndSplitAtTheFirstEquals() {
    RedactionSettings settings =
        parse(RedactionSettings.EXTRA_PATTERNS, "inn=\\d{12}; order-ref=REF=\\d+ ;");

    assertThat(settings.extraPatterns()).containsOnlyKeys("inn", "order-ref");
    assertThat(settings.extraPatterns().get("order-ref").pattern()).isEqualTo("REF=\\d+");
    assertThat(errors).isEmpty();
  }

  @Test
  void escapedSemicolonStaysInsideTheRegex() {
    RedactionSettings settings = parse(RedactionSettings.EXTRA_PATTERNS, "pair=k\\;v;inn=\\d{12}");

    assertThat(settings.extraPatterns()).containsOnlyKeys("pair", "inn");
    assertThat(Redactor.create(settings).redact("x k;v y")).isEqualTo("x [REDACTED:pair] y");
  }

  @Test
  void badRegexIsReportedWithPropertyAndValueAndTheRestStillWorks() {
    RedactionSettings settings = parse(RedactionSettings.EXTRA_PATTERNS, "broken=[a-z;inn=\\d{12}");

    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith(RedactionSettings.EXTRA_PATTERNS + " | broken=[a-z | ");
    assertThat(settings.extraPatterns()).containsOnlyKeys("inn");
    assertThat(Redactor.create(settings).redact("ИНН 500100732259"))
        .isEqualTo("ИНН [REDACTED:inn]");
  }

  @Test
  void badNamesMissingEqualsDuplicatesAndEmptyMatchesAreReported() {
    RedactionSettings settings =
        parse(RedactionSettings.EXTRA_PATTERNS, "Bad Name=x;noequals;dup=a;dup=b;empty=a*;blank=");

    assertThat(settings.extraPatterns()).containsOnlyKeys("dup");
    assertThat(errors)
        .hasSize(5)
        .allSatisfy(e -> assertThat(e).startsWith(RedactionSettings.EXTRA_PATTERNS));
    assertThat(errors.get(0)).contains("Bad Name=x");
    assertThat(errors.get(1)).contains("noequals");
  }

  @Test
  void allowedKeysMatchExactlyOrByWildcard() {
    RedactionSettings settings =
        parse(RedactionSettings.ALLOWED_KEYS, "app.customer_email, http.request.header.*, *.debug");

    assertThat(settings.isAllowedKey("app.customer_email")).isTrue();
    assertThat(settings.isAllowedKey("app.customer_email2")).isFalse();
    assertThat(settings.isAllowedKey("http.request.header.cookie")).isTrue();
    assertThat(settings.isAllowedKey("http.response.header.cookie")).isFalse();
    assertThat(settings.isAllowedKey("app.email.debug")).isTrue();
    assertThat(settings.allowedKeys())
        .containsExactly("app.customer_email", "http.request.header.*", "*.debug");
  }

  @Test
  void badAllowedKeyIsReportedAndSkipped() {
    RedactionSettings settings = parse(RedactionSettings.ALLOWED_KEYS, "a b,app.note");

    assertThat(settings.allowedKeys()).containsExactly("app.note");
    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith(RedactionSettings.ALLOWED_KEYS + " | a b");
  }

  @Test
  void ownedKeysAreAlwaysAllowedWhateverTheConfiguration() {
    RedactionSettings settings =
        parse(
            RedactionSettings.ALLOWED_KEYS, "x", RedactionSettings.SENSITIVE_KEYS, "id,stage,name");

    for (String key :
        new String[] {
          "order.id",
          "user.id",
          "caller.service.name",
          "order.stage",
          "trace_id",
          "span_id",
          "trace.id",
          "span.id",
          "trace_flags"
        }) {
      assertThat(settings.isAllowedKey(key)).as(key).isTrue();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "**", "*.*", " * "})
  void allowingEveryKeyIsRefusedInOneLine(String value) {
    RedactionSettings settings = parse(RedactionSettings.ALLOWED_KEYS, value + ",app.public.note");

    assertThat(settings.allowedKeys()).containsExactly("app.public.note");
    assertThat(settings.isAllowedKey("http.request.header.authorization")).isFalse();
    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith(RedactionSettings.ALLOWED_KEYS)
        .contains("refused");
  }

  @Test
  void aSensitiveKeyListWithNothingUsableKeepsTheDefaults() {
    RedactionSettings settings = parse(RedactionSettings.SENSITIVE_KEYS, "bad key!");

    assertThat(settings.sensitiveKeys()).containsAll(RedactionSettings.DEFAULT_SENSITIVE_KEYS);
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("refused"));
  }
}
