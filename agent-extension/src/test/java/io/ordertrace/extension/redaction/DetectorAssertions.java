package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs one detector the way the Redactor does: only when its features allow. */
final class DetectorAssertions {

  static String run(Detector detector, String text) {
    int features = TextFeatures.scan(text);
    return detector.appliesTo(features) ? detector.redact(text) : text;
  }

  static void assertUnchanged(Detector detector, String text) {
    assertThat(run(detector, text)).isSameAs(text);
  }

  private DetectorAssertions() {}
}
