/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
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

  /** Runs detectors one after the other, as the Redactor does. */
  static String run(Detector[] detectors, String text) {
    String result = text;
    for (Detector detector : detectors) {
      result = run(detector, result);
    }
    return result;
  }

  static void assertUnchanged(Detector[] detectors, String text) {
    assertThat(run(detectors, text)).isSameAs(text);
  }

  private DetectorAssertions() {}
}
