/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Russian tax ids (ИНН: 10 digits for organisations, 12 for people) and bank account numbers (20
 * digits) next to their keywords: {@code ИНН 7707083893}, {@code inn=500100732259}, {@code р/с
 * 40817810099910004312}, {@code account no. 4081 7810 0999 1000 4312}. Both are plain digit runs
 * that look like any id, so a keyword is required; next to it no checksum is, a mistyped number is
 * still somebody's. Without a keyword only a 12-digit number whose two INN control digits are right
 * is taken (one in a hundred random numbers passes; order ids are shorter).
 */
final class FinancialIdDetector extends RegexDetector {

  private static final String GAP = "[^0-9\\n]{0,25}?";

  static final Pattern PATTERN =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])(?:инн|inn|tax[ _-]?id|taxpayer[ _-]?id)"
              + GAP
              + "(?<!\\d)(\\d{12}|\\d{10})(?![\\d\\p{L}])"
              + "|(?<![\\p{L}\\p{N}])(?:[рк]/сч?|(?:расч[её]тн\\p{L}*|корр?\\.?|лицев\\p{L}*)?\\s*сч[её]т\\p{L}*"
              + "|(?:bank[ _-]?)?acc(?:oun)?t(?:[ _-]?(?:no|number|num))?)"
              + GAP
              + "(?<!\\d)(\\d{5}[ \\u00A0-]?\\d{3}[ \\u00A0-]?\\d[ \\u00A0-]?\\d{4}[ \\u00A0-]?\\d{7}"
              + "|\\d{4}(?:[ \\u00A0]\\d{4}){4})(?![\\d\\p{L}])");

  /** Without a keyword: a 12-digit number, checked with the INN control digits. */
  static final Pattern BARE_INN = Pattern.compile("(?<![\\w.-])(\\d{12})(?![\\w-]|\\.\\d)()");

  private final boolean keyword;

  private FinancialIdDetector(boolean keyword) {
    super(keyword ? "tax-or-account" : "inn", keyword ? PATTERN : BARE_INN, Markers.INN);
    this.keyword = keyword;
  }

  static FinancialIdDetector nearKeyword() {
    return new FinancialIdDetector(true);
  }

  static FinancialIdDetector bareInn() {
    return new FinancialIdDetector(false);
  }

  @Override
  boolean appliesTo(int features) {
    if (keyword) {
      return TextFeatures.has(features, TextFeatures.FINANCE_KEYWORD)
          && TextFeatures.digits(features) >= 10;
    }
    return TextFeatures.longestDigitRun(features) >= 12;
  }

  @Override
  long accept(Matcher match, String text) {
    if (!keyword) {
      return InnChecksum.isValid(text, match.start(1), match.end(1))
          ? region(match.start(1), match.end(1))
          : REJECT;
    }
    int group = match.start(1) >= 0 ? 1 : 2;
    return region(match.start(group), match.end(group));
  }

  @Override
  String markerFor(Matcher match) {
    return keyword && match.start(2) >= 0 ? Markers.ACCOUNT : Markers.INN;
  }
}
