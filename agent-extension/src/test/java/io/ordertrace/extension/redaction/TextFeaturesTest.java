/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {

  @Test
  void plainWordsHaveNoFeatures() {
    assertThat(TextFeatures.scan("GET /api/orders")).isZero();
  }

  @Test
  void countsDigits() {
    assertThat(TextFeatures.digits(TextFeatures.scan("order 100234, qty 2"))).isEqualTo(7);
  }

  @Test
  void seesAtSignAndUrlEncodedAtSign() {
    assertThat(TextFeatures.has(TextFeatures.scan("a@b.ru"), TextFeatures.AT)).isTrue();
    assertThat(TextFeatures.has(TextFeatures.scan("a%40b.ru"), TextFeatures.AT)).isTrue();
    assertThat(TextFeatures.has(TextFeatures.scan("100%"), TextFeatures.AT)).isFalse();
  }

  @Test
  void seesSeparators() {
    assertThat(TextFeatures.has(TextFeatures.scan("a=b"), TextFeatures.SEPARATOR)).isTrue();
    assertThat(TextFeatures.has(TextFeatures.scan("a: b"), TextFeatures.SEPARATOR)).isTrue();
  }

  @Test
  void seesJwtAndAuthSchemesInAnyCase() {
    assertThat(TextFeatures.has(TextFeatures.scan("x eyJhbG"), TextFeatures.JWT)).isTrue();
    for (String text : new String[] {"Bearer x", "BEARER x", "bearer x", "Basic x", "BASIC x"}) {
      assertThat(TextFeatures.has(TextFeatures.scan(text), TextFeatures.AUTH_SCHEME))
          .as(text)
          .isTrue();
    }
  }

  @Test
  void seesApiKeyPrefixes() {
    for (String text :
        new String[] {
          "AKIAX", "sk_live", "rk_test", "ghp_x", "github_pat_", "xoxb-", "AIzaX", "glpat-"
        }) {
      assertThat(TextFeatures.has(TextFeatures.scan(text), TextFeatures.API_KEY)).as(text).isTrue();
    }
    assertThat(TextFeatures.has(TextFeatures.scan("ghost"), TextFeatures.API_KEY)).isFalse();
  }

  @Test
  void digitRunsFollowHowNumbersAreGrouped() {
    assertThat(TextFeatures.longestDigitRun(TextFeatures.scan("+7 (912) 345-67-89"))).isEqualTo(11);
    assertThat(TextFeatures.longestDigitRun(TextFeatures.scan("4111 1111 1111 1111")))
        .isEqualTo(16);
    assertThat(
            TextFeatures.longestDigitRun(TextFeatures.scan("AppleWebKit/537.36 Chrome/120.0.0.0")))
        .isEqualTo(3);
    assertThat(TextFeatures.longestDigitRun(TextFeatures.scan("12   34"))).isEqualTo(2);
    assertThat(TextFeatures.longestDigitRun(TextFeatures.scan("ab12cd345"))).isEqualTo(3);
  }

  @Test
  void seesDocumentKeywordsInBothAlphabets() {
    for (String text :
        new String[] {"Паспорт", "паспорт", "серия", "СНИЛС", "snils", "Passport", "series"}) {
      assertThat(TextFeatures.has(TextFeatures.scan(text), TextFeatures.DOCUMENT_KEYWORD))
          .as(text)
          .isTrue();
    }
    assertThat(TextFeatures.has(TextFeatures.scan("passage sent"), TextFeatures.DOCUMENT_KEYWORD))
        .isFalse();
  }
}
