/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

/** The characters of the waterfall and the marks: Unicode where the terminal takes it, or ASCII. */
enum Glyphs {
  UNICODE('█', ' ', '│', "✗ ERROR", "↑ parent not received", "…"),
  ASCII('#', '.', '|', "x ERROR", "^ parent not received", "~");

  final char fill;
  final char empty;
  final char edge;
  final String error;
  final String orphan;
  final String ellipsis;

  Glyphs(char fill, char empty, char edge, String error, String orphan, String ellipsis) {
    this.fill = fill;
    this.empty = empty;
    this.edge = edge;
    this.error = error;
    this.orphan = orphan;
    this.ellipsis = ellipsis;
  }

  /** Cuts {@code text} to {@code max} characters, marking the cut. */
  String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - ellipsis.length())) + ellipsis;
  }
}
