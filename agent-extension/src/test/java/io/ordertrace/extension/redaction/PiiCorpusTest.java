/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PiiCorpusTest {

  private static final Redactor redactor = PiiCorpus.redactor();

  static List<PiiCorpus.Positive> positives() {
    return PiiCorpus.positives();
  }

  static List<String> negatives() {
    return PiiCorpus.negatives();
  }

  @Test
  void corpusIsLargeEnoughToMeanSomething() {
    assertThat(positives()).hasSizeGreaterThanOrEqualTo(120);
    assertThat(negatives()).hasSizeGreaterThanOrEqualTo(120);
  }

  @ParameterizedTest
  @MethodSource("positives")
  void noPiiSurvives(PiiCorpus.Positive positive) {
    String redacted = redactor.redact(positive.text());

    for (String pii : positive.pii()) {
      assertThat(redacted).as("leaked %s", pii).doesNotContain(pii);
    }
    for (String markerClass : positive.markerClasses()) {
      assertThat(redacted).contains("[REDACTED:" + markerClass + "]");
    }
  }

  @ParameterizedTest
  @MethodSource("negatives")
  void lookalikesAreReturnedUntouchedAsTheSameInstance(String text) {
    String redacted = redactor.redact(text);

    assertThat(redacted).isEqualTo(text);
    assertThat(redacted).isSameAs(text);
  }
}
