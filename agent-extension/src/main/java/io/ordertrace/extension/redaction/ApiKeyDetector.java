/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/**
 * Vendor API keys whose shape alone gives them away (AWS, Stripe, GitHub, Slack, Google, GitLab,
 * Telegram bot tokens, Yandex OAuth tokens).
 */
final class ApiKeyDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![A-Za-z0-9_-])(?:"
              + "(?:AKIA|ASIA)[0-9A-Z]{16}"
              + "|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"
              + "|gh[pousr]_[A-Za-z0-9]{30,}"
              + "|github_pat_[A-Za-z0-9_]{40,}"
              + "|xox[abposr]-[A-Za-z0-9-]{10,}"
              + "|AIza[0-9A-Za-z_-]{35}"
              + "|glpat-[0-9A-Za-z_-]{20,}"
              + "|y0_[A-Za-z0-9_-]{30,}"
              + ")(?![A-Za-z0-9_])"
              // Telegram: <bot id>:<35 characters>, also inside .../bot<id>:<token>/sendMessage
              + "|(?:(?<=bot)|(?<![A-Za-z0-9_-]))\\d{6,12}:AA[A-Za-z0-9_-]{30,40}(?![A-Za-z0-9_-])");

  ApiKeyDetector() {
    super("api-key", PATTERN, Markers.SECRET, TextFeatures.API_KEY);
  }
}
