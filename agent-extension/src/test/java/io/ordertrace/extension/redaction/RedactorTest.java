/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.ordertrace.extension.config.PropertySource;
import io.ordertrace.extension.config.RedactionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.create(RedactionSettings.defaults());

  @Test
  void cleanTextIsReturnedAsTheSameInstance() {
    String text = new String("GET /api/v1/orders/100234");
    assertThat(redactor.redact(text)).isSameAs(text);
  }

  @Test
  void aRepeatedCleanValueIsReturnedAsTheSameInstanceEveryTime() {
    for (int i = 0; i < 3; i++) {
      String text = new String("POST /calc/estimate");
      assertThat(redactor.redact(text)).isSameAs(text);
    }
  }

  @Test
  void rememberedCleanValuesNeverLetAnotherValueThrough() {
    // fill every slot of the clean-value cache, then ask for values with PII, twice each
    for (int i = 0; i < 5000; i++) {
      String text = "thread-" + i;
      assertThat(redactor.redact(text)).isSameAs(text);
    }
    for (int i = 0; i < 2; i++) {
      for (int n = 0; n < 500; n++) {
        String dirty = "mail ivan" + n + "@mail.ru";
        assertThat(redactor.redact(dirty)).doesNotContain("@mail.ru").contains("[REDACTED:");
      }
    }
  }

  @Test
  void aLongCleanValueIsStillCheckedAndReturnedAsItIs() {
    String longText = "x".repeat(200) + " ok";
    assertThat(redactor.redact(longText)).isSameAs(longText);
    String longDirty = "y".repeat(200) + " ivan@mail.ru";
    assertThat(redactor.redact(longDirty)).doesNotContain("ivan@mail.ru");
  }

  @Test
  void cleanAttributesAreReturnedAsTheSameInstance() {
    Attributes attributes =
        Attributes.builder()
            .put("http.route", "/orders/{id}")
            .put("http.status_code", 200)
            .put("order.id", "100234")
            .put(AttributeKey.stringArrayKey("tags"), Arrays.asList("a", "b"))
            .build();

    assertThat(redactor.redact(attributes)).isSameAs(attributes);
    assertThat(redactor.redact(Attributes.empty())).isSameAs(Attributes.empty());
  }

  @Test
  void sensitiveKeysLoseTheirWholeValue() {
    Attributes redacted =
        redactor.redact(
            Attributes.builder()
                .put("http.request.header.authorization", "Bearer x")
                .put("http.request.header.cookie", "a=1")
                .put("http.response.header.set-cookie", "sid=2")
                .put("app.customer_email", "not even an address")
                .build());

    assertThat(redacted.get(AttributeKey.stringKey("http.request.header.authorization")))
        .isEqualTo("[REDACTED:token]");
    assertThat(redacted.get(AttributeKey.stringKey("http.request.header.cookie")))
        .isEqualTo("[REDACTED:secret]");
    assertThat(redacted.get(AttributeKey.stringKey("http.response.header.set-cookie")))
        .isEqualTo("[REDACTED:secret]");
    assertThat(redacted.get(AttributeKey.stringKey("app.customer_email")))
        .isEqualTo("[REDACTED:email]");
  }

  @Test
  void headerArraysUnderSensitiveKeysAreReplacedElementByElement() {
    AttributeKey<List<String>> cookie = AttributeKey.stringArrayKey("http.request.header.cookie");

    Attributes redacted = redactor.redact(Attributes.of(cookie, Arrays.asList("a=1", "b=2")));

    assertThat(redacted.get(cookie)).containsExactly("[REDACTED:secret]", "[REDACTED:secret]");
  }

  @Test
  void stringArraysAreScannedAndOnlyChangedElementsChange() {
    AttributeKey<List<String>> notes = AttributeKey.stringArrayKey("app.notes");

    Attributes redacted =
        redactor.redact(Attributes.of(notes, Arrays.asList("call +79123456789", "fragile")));

    assertThat(redacted.get(notes)).containsExactly("call [REDACTED:phone]", "fragile");
  }

  @Test
  void otherStringValuesGoThroughTheDetectorsAndNumbersAreLeftAlone() {
    Attributes redacted =
        redactor.redact(
            Attributes.builder()
                .put("url.full", "https://shop.ru/a?email=ivan%40mail.ru")
                .put("app.count", 89123456789L)
                .put("app.flag", true)
                .build());

    assertThat(redacted.get(AttributeKey.stringKey("url.full")))
        .isEqualTo("https://shop.ru/a?email=[REDACTED:email]");
    assertThat(redacted.get(AttributeKey.longKey("app.count"))).isEqualTo(89123456789L);
    assertThat(redacted.get(AttributeKey.booleanKey("app.flag"))).isTrue();
  }

  @Test
  void ownedKeysAreNeverAlteredEvenWhenTheyLookLikePii() {
    Attributes attributes =
        Attributes.builder()
            .put("order.id", "89123456789")
            .put("user.id", "ivan@mail.ru")
            .put("caller.service.name", "4111 1111 1111 1111")
            .put("order.stage", "payment")
            .put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
            .build();

    assertThat(redactor.redact(attributes)).isSameAs(attributes);
  }

  @Test
  void configuredAllowedKeysAreNeverAltered() {
    Redactor allowing =
        Redactor.create(
            RedactionSettings.parse(
                PropertySource.of(
                    Collections.singletonMap(
                        RedactionSettings.ALLOWED_KEYS, "app.debug.*,http.request.header.cookie")),
                (p, v, r) -> {}));
    Attributes attributes =
        Attributes.builder()
            .put("app.debug.dump", "ivan@mail.ru")
            .put("http.request.header.cookie", "sid=1")
            .build();

    assertThat(allowing.redact(attributes)).isSameAs(attributes);
  }

  @Test
  void keyDecisionsAreCachedButTheCacheIsBounded() {
    Redactor fresh = Redactor.create(RedactionSettings.defaults());
    for (int i = 0; i < KeyPolicy.MAX_CACHED_KEYS + 500; i++) {
      fresh.redact(Attributes.of(AttributeKey.stringKey("app.k" + i), "v"));
    }

    assertThat(fresh.cachedKeyDecisions()).isEqualTo(KeyPolicy.MAX_CACHED_KEYS);
    // keys past the bound are still decided correctly
    Attributes late = Attributes.of(AttributeKey.stringKey("app.late_password"), "x");
    assertThat(fresh.redact(late).get(AttributeKey.stringKey("app.late_password")))
        .isEqualTo("[REDACTED:secret]");
  }

  @Test
  void repeatedKeysReuseTheCachedDecision() {
    assertThat(redactor.decide("http.request.header.authorization"))
        .isSameAs(redactor.decide("http.request.header.authorization"));
  }

  @Test
  void failingDetectorNeverLeaksTheValueAndIsReportedOnceWithoutIt() {
    Detector throwing =
        new Detector("boom") {
          @Override
          boolean appliesTo(int features) {
            return true;
          }

          @Override
          String redact(String text) {
            throw new IllegalStateException("cannot handle " + text);
          }
        };
    Redactor broken =
        new Redactor(
            Collections.singletonList(throwing),
            new KeyPolicy(
                RedactionSettings.defaults(),
                new SensitiveKeyMatcher(RedactionSettings.defaults().sensitiveKeys())));
    List<LogRecord> records = new ArrayList<>();
    Logger logger = Logger.getLogger(Redactor.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertThat(broken.redact("ivan@mail.ru")).isEqualTo("[REDACTED:error]");
      assertThat(broken.redact("second ivan@mail.ru")).isEqualTo("[REDACTED:error]");
      Attributes attributes = broken.redact(Attributes.of(AttributeKey.stringKey("note"), "x"));
      assertThat(attributes.get(AttributeKey.stringKey("note"))).isEqualTo("[REDACTED:error]");
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(records).hasSize(1);
    LogRecord record = records.get(0);
    String message = new java.util.logging.SimpleFormatter().formatMessage(record);
    assertThat(message).contains("boom").contains(IllegalStateException.class.getName());
    assertThat(message).doesNotContain("ivan@mail.ru");
    assertThat(record.getThrown()).isNull();
  }
}
