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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RussianDocumentDetectorsTest {

  // each kind is two detectors: the plain form, and the keyword forms when a keyword is present
  private final Detector[] passport = {
    PassportDetector.spacedForm(), PassportDetector.nearKeyword()
  };
  private final Detector[] snils = {SnilsDetector.groupedForm(), SnilsDetector.nearKeyword()};

  @Test
  void spacedPassportNeedsNoKeyword() {
    assertThat(run(passport, "doc 45 06 123456 ok")).isEqualTo("doc [REDACTED:passport] ok");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "паспорт 4506 123456|паспорт [REDACTED:passport]",
        "Passport: 4506123456|Passport: [REDACTED:passport]",
        "серия 4506 номер 123456|серия [REDACTED:passport]",
        "4506 123456 (паспорт РФ)|[REDACTED:passport] (паспорт РФ)"
      })
  void compactPassportCountsNextToAKeyword(String text, String expected) {
    assertThat(run(passport, text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"invoice 4506123456", "batch 4506 123456 done", "Серия 7 из 10"})
  void compactPassportWithoutKeywordIsLeftAlone(String text) {
    assertUnchanged(passport, text);
  }

  @Test
  void passportKeywordFarAwayDoesNotCount() {
    assertUnchanged(passport, "паспорт проверен, всё в порядке, заказ оформлен, счёт 4506123456");
  }

  @ParameterizedTest
  @ValueSource(strings = {"112-233-445 95", "112-233-445-95"})
  void groupedSnilsWithValidControlIsReplaced(String number) {
    assertThat(run(snils, "id " + number)).isEqualTo("id [REDACTED:snils]");
  }

  @Test
  void bareSnilsCountsOnlyNextToAKeyword() {
    assertThat(run(snils, "СНИЛС: 11223344595")).isEqualTo("СНИЛС: [REDACTED:snils]");
    assertThat(run(snils, "snils=11223344595")).isEqualTo("snils=[REDACTED:snils]");
    assertUnchanged(snils, "account 11223344595");
  }

  @Test
  void snilsWithWrongControlIsLeftAloneUnlessItsKeywordSaysWhatItIs() {
    assertUnchanged(snils, "ref 112-233-445 96");
    assertThat(run(snils, "СНИЛС 11223344596")).isEqualTo("СНИЛС [REDACTED:snils]");
  }
}
