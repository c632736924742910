/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.ordertrace.extension.config.RedactionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Removes PII from strings and attributes before they leave the process. Built once from {@link
 * RedactionSettings}, thread-safe, and cheap on clean values: a single scan decides which
 * precompiled detectors can match, and a value without findings is returned as the same instance.
 *
 * <p>A failing detector never leaks or throws: the affected value becomes {@code [REDACTED:error]}
 * and the failure is logged once, without the value.
 */
public final class Redactor {

  private final Detector[] detectors;
  private final KeyPolicy keyPolicy;

  /**
   * The detectors that apply to a features value, remembered per value (direct-mapped, racy: a lost
   * write only means computing again). A clean value usually has one of a few features values, so
   * this replaces 16 {@code appliesTo} calls per value with one lookup (issue 12, P1).
   */
  private final Applicable[] applicable = new Applicable[APPLICABLE_SLOTS];

  private static final int APPLICABLE_SLOTS = 256;

  /**
   * Short values found clean, by content (direct-mapped, racy: a lost write only costs a scan).
   * Most attribute values repeat from request to request (methods, schemes, routes, span names,
   * addresses, user agents, thread names); comparing with a remembered clean copy costs a hash and
   * an {@code equals}, less than the feature scan (issue 12, P1: the scan was ~9 % of the
   * calculation service's CPU under load). The result depends only on the content, so a hit is
   * always right; only values already found clean are kept, at most 1024 of 128 chars.
   */
  private final String[] clean = new String[CLEAN_SLOTS];

  private static final int CLEAN_SLOTS = 1024;
  private static final int CLEAN_MAX_LENGTH = 128;

  Redactor(List<Detector> detectors, KeyPolicy keyPolicy) {
    this.detectors = detectors.toArray(new Detector[0]);
    this.keyPolicy = keyPolicy;
  }

  public static Redactor create(RedactionSettings settings) {
    SensitiveKeyMatcher keys = new SensitiveKeyMatcher(settings.sensitiveKeys());
    return new Redactor(builtInDetectors(keys, settings), new KeyPolicy(settings, keys));
  }

  /**
   * The detectors in the order they run. Shape detectors come before {@code key=value} so that
   * "phone: +7 912 345 67 89" loses the whole number, not only the part before the first space; the
   * most specific shapes run first.
   */
  static List<Detector> builtInDetectors(SensitiveKeyMatcher keys, RedactionSettings settings) {
    List<Detector> detectors =
        new ArrayList<>(
            Arrays.asList(
                new PemKeyDetector(),
                new JwtDetector(),
                new AuthSchemeDetector(),
                new ApiKeyDetector(),
                new UrlCredentialsDetector(), // before e-mail: "pw@db.example.com" is a password
                new EmailDetector(),
                new IbanDetector(), // before cards and phones: its digits are part of it
                FinancialIdDetector.nearKeyword(), // before cards: 20 account digits hold a "card"
                new CardNumberDetector(),
                SnilsDetector.groupedForm(),
                SnilsDetector.nearKeyword(),
                new PhoneDetector(), // before passports: "+49 30 901820 12" is not "30 90 1820.."
                PassportDetector.spacedForm(),
                PassportDetector.nearKeyword(),
                FinancialIdDetector.bareInn(),
                new KeyValueSecretDetector(keys)));
    for (Map.Entry<String, Pattern> extra : settings.extraPatterns().entrySet()) {
      detectors.add(new ExtraPatternDetector(extra.getKey(), extra.getValue()));
    }
    return detectors;
  }

  /** Returns {@code text} itself when it holds nothing to redact. */
  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  public String redact(String text) {
    if (text.length() > CLEAN_MAX_LENGTH) {
      return redactUncached(text);
    }
    int hash = text.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (CLEAN_SLOTS - 1);
    String known = clean[slot];
    if (known != null && known.equals(text)) {
      return text;
    }
    String result = redactUncached(text);
    if (result == text) {
      clean[slot] = text;
    }
    return result;
  }

  @SuppressWarnings("ReferenceEquality") // same instance back means "nothing to redact"
  private String redactUncached(String text) {
    int features = TextFeatures.scan(text);
    if (TextFeatures.has(features, TextFeatures.MOJIBAKE)) {
      // UTF-8 read as Latin-1 (a header with "паспорт" decoded by a server as ISO-8859-1):
      // the keywords only show in the repaired text, which is then what leaves, redacted
      String repaired = Mojibake.repair(text);
      if (repaired != null) {
        String redacted = redactScanned(repaired, TextFeatures.scan(repaired));
        if (redacted != repaired) {
          return redacted;
        }
      }
    }
    if (TextFeatures.has(features, TextFeatures.PERCENT_ENCODED)) {
      // "4111%201111%201111%201111" in a path or query: the digits only group when decoded;
      // when the decoded text hides something, the decoded text is what leaves, redacted
      for (int reading = 0; reading < 2; reading++) {
        String decoded =
            reading == 0 ? PercentDecoding.decode(text) : PercentDecoding.decodeKeepingPlus(text);
        if (decoded != null) {
          String redacted = redactScanned(decoded, TextFeatures.scan(decoded));
          if (redacted != decoded) {
            return redacted;
          }
        }
      }
    }
    return redactScanned(text, features);
  }

  private String redactScanned(String text, int features) {
    Detector[] applicable = applicableTo(features);
    String result = text;
    for (Detector detector : applicable) {
      try {
        result = detector.redact(result);
      } catch (RuntimeException | StackOverflowError e) {
        // Half-redacted text could still hold the value: give none of it away.
        detector.reportFailure(e);
        return Markers.ERROR;
      }
    }
    return result;
  }

  /**
   * Returns {@code attributes} itself when nothing changed. Allow-listed keys are untouched, values
   * of sensitive keys are replaced whole, other string values go through {@link #redact(String)};
   * numbers and booleans cannot hold PII in a form worth detecting.
   */
  public Attributes redact(Attributes attributes) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    AttributesRedaction redaction = new AttributesRedaction(attributes);
    attributes.forEach(redaction);
    return redaction.result();
  }

  /**
   * A log record body or another structured value: strings are scanned, values under sensitive keys
   * of a key-value list are replaced whole, numbers, booleans and bytes are left as they are.
   * Returns {@code value} itself when nothing changed.
   */
  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  @Nullable
  public Value<?> redact(@Nullable Value<?> value) {
    if (value == null) {
      return null;
    }
    switch (value.getType()) {
      case STRING:
        {
          String text = (String) value.getValue();
          String redacted = redact(text);
          return redacted == text ? value : Value.of(redacted);
        }
      case ARRAY:
        {
          @SuppressWarnings("unchecked")
          List<Value<?>> items = (List<Value<?>>) value.getValue();
          List<Value<?>> out = null;
          for (int i = 0; i < items.size(); i++) {
            Value<?> item = items.get(i);
            Value<?> redacted = redact(item);
            if (redacted != item) {
              if (out == null) {
                out = new ArrayList<>(items);
              }
              out.set(i, redacted);
            }
          }
          return out == null ? value : Value.of(out);
        }
      case KEY_VALUE_LIST:
        {
          @SuppressWarnings("unchecked")
          List<KeyValue> entries = (List<KeyValue>) value.getValue();
          KeyValue[] out = null;
          for (int i = 0; i < entries.size(); i++) {
            KeyValue entry = entries.get(i);
            KeyDecision decision = keyPolicy.decide(entry.getKey());
            if (decision == KeyDecision.ALLOW) {
              continue;
            }
            String marker = decision.marker();
            Value<?> redacted = marker != null ? Value.of(marker) : redact(entry.getValue());
            if (redacted != entry.getValue()) {
              if (out == null) {
                out = entries.toArray(new KeyValue[0]);
              }
              out[i] = KeyValue.of(entry.getKey(), redacted);
            }
          }
          return out == null ? value : Value.of(out);
        }
      default:
        return value;
    }
  }

  KeyDecision decide(String key) {
    return keyPolicy.decide(key);
  }

  int cachedKeyDecisions() {
    return keyPolicy.cachedKeys();
  }

  @Override
  public String toString() {
    return "Redactor" + Arrays.toString(detectors);
  }

  private Detector[] applicableTo(int features) {
    int slot = (features * 0x9E3779B9) >>> 24; // Fibonacci hashing onto the 256 slots
    Applicable known = applicable[slot];
    if (known != null && known.features == features) {
      return known.detectors;
    }
    List<Detector> matching = new ArrayList<>(detectors.length);
    for (Detector detector : detectors) {
      if (detector.appliesTo(features)) {
        matching.add(detector);
      }
    }
    Applicable computed = new Applicable(features, matching.toArray(new Detector[0]));
    applicable[slot] = computed;
    return computed.detectors;
  }

  /** Immutable, so that a racy read sees either null or a complete entry. */
  private static final class Applicable {
    final int features;
    final Detector[] detectors;

    Applicable(int features, Detector[] detectors) {
      this.features = features;
      this.detectors = detectors;
    }
  }

  /** Collects changes; copies the attributes only on the first change. */
  private final class AttributesRedaction implements BiConsumer<AttributeKey<?>, Object> {

    private final Attributes original;
    @Nullable private AttributesBuilder builder;

    AttributesRedaction(Attributes original) {
      this.original = original;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(AttributeKey<?> key, Object value) {
      switch (key.getType()) {
        case STRING:
          {
            KeyDecision decision = keyPolicy.decide(key.getKey());
            if (decision == KeyDecision.ALLOW) {
              return;
            }
            String text = (String) value;
            String marker = decision.marker();
            String redacted = marker != null ? marker : redact(text);
            if (!redacted.equals(text)) {
              builder().put((AttributeKey<String>) key, redacted);
            }
            return;
          }
        case STRING_ARRAY:
          {
            KeyDecision decision = keyPolicy.decide(key.getKey());
            if (decision == KeyDecision.ALLOW) {
              return;
            }
            List<String> redacted = redactAll((List<String>) value, decision.marker());
            if (redacted != value) {
              builder().put((AttributeKey<List<String>>) key, redacted);
            }
            return;
          }
        default:
          // numbers and booleans are left alone, unless their key says what they are
          // (card_number=4111111111111111 as a long): then they go
          if (keyPolicy.decide(key.getKey()).marker() != null) {
            builder().remove(key);
          }
      }
    }

    private List<String> redactAll(List<String> values, @Nullable String marker) {
      List<String> result = null;
      for (int i = 0; i < values.size(); i++) {
        String text = values.get(i);
        String redacted = marker != null ? marker : redact(text);
        if (!redacted.equals(text)) {
          if (result == null) {
            result = new ArrayList<>(values);
          }
          result.set(i, redacted);
        }
      }
      return result == null ? values : Collections.unmodifiableList(result);
    }

    private AttributesBuilder builder() {
      if (builder == null) {
        builder = original.toBuilder();
      }
      return builder;
    }

    Attributes result() {
      return builder == null ? original : builder.build();
    }
  }
}
