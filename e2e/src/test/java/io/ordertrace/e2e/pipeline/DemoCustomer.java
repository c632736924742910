/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The customer of the end-to-end orders, whose personal data must reach no span (P1): the order
 * body the tests place, and the check that a text (exported telemetry, a stored trace) holds none
 * of it.
 */
public final class DemoCustomer {

  public static final String NAME = "Svetlana Kuznetsova";
  public static final String EMAIL = "svetlana.kuznetsova@example.ru";
  public static final String PHONE = "+7 (916) 555-12-34";
  public static final String STREET = "Tverskaya ulitsa 13";

  /** The personal data as it may appear: verbatim, URL-encoded, reformatted, in part. */
  private static final List<String> SAMPLES =
      List.of(
          EMAIL,
          "svetlana.kuznetsova%40example.ru",
          "916) 555-12-34",
          "9165551234",
          STREET,
          "Kuznetsova",
          NAME);

  /** The body of {@code POST /api/orders} for this customer. */
  public static String orderJson() {
    return PipelineProcesses.orderJson(NAME, EMAIL, PHONE, STREET);
  }

  /**
   * Fails if {@code text} contains any sample of the customer's data; the failure names the sample
   * by index, so it never prints personal data into the build log.
   */
  public static void assertNoPersonalData(String text, String what) {
    for (int i = 0; i < SAMPLES.size(); i++) {
      assertThat(text.contains(SAMPLES.get(i))).as("%s contains PII sample #%d", what, i).isFalse();
    }
  }

  private DemoCustomer() {}
}
