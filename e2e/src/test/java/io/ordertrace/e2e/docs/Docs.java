/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.docs;

import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's Markdown files and the shell commands written in their fenced blocks. */
final class Docs {

  static final Path ROOT = RepositoryRoot.find();

  private static final Set<String> SKIPPED_DIRS =
      Set.of(".git", "target", "node_modules", ".mvn", "run");
  private static final Set<String> SHELL_BLOCKS = Set.of("bash", "sh", "shell", "console");
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*).*$");

  /** One command line of a doc: continuation lines joined, comments cut, blanks collapsed. */
  record Command(String doc, int line, String text, int blockStart, int blockEnd) {}

  private Docs() {}

  /** Every Markdown file of the repository, as a path relative to the root with '/' separators. */
  static List<String> markdownFiles() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".md"))
          .filter(p -> ROOT.relativize(p).toString().chars().noneMatch(c -> c == '\\'))
          .filter(
              p -> {
                for (Path part : ROOT.relativize(p)) {
                  if (SKIPPED_DIRS.contains(part.toString())) {
                    return false;
                  }
                }
                return true;
              })
          .map(p -> ROOT.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String doc) {
    try {
      return Files.readAllLines(ROOT.resolve(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of a Markdown file, numbered from 1. */
  record Line(String doc, int number, String text) {
    @Override
    public String toString() {
      return doc + ":" + number + " " + text.strip();
    }
  }

  /** Every line of every Markdown file. */
  static List<Line> allLines() {
    List<Line> all = new ArrayList<>();
    for (String doc : markdownFiles()) {
      List<String> lines = lines(doc);
      for (int i = 0; i < lines.size(); i++) {
        all.add(new Line(doc, i + 1, lines.get(i)));
      }
    }
    return all;
  }

  /** The commands of every bash/sh/console block of every Markdown file. */
  static List<Command> commands() {
    List<Command> all = new ArrayList<>();
    for (String doc : markdownFiles()) {
      all.addAll(commands(doc, lines(doc)));
    }
    return all;
  }

  static List<Command> commands(String doc, List<String> lines) {
    List<Command> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
        end++;
      }
      String lang = open.group(1).toLowerCase(Locale.ROOT);
      if (SHELL_BLOCKS.contains(lang)) {
        found.addAll(block(doc, lines, i, end, lang.equals("console")));
      }
      i = end;
    }
    return found;
  }

  private static List<Command> block(
      String doc, List<String> lines, int open, int close, boolean console) {
    List<Command> found = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int startLine = 0;
    for (int i = open + 1; i < close; i++) {
      String line = lines.get(i);
      if (console) {
        if (line.startsWith("$ ")) {
          found.add(new Command(doc, i + 1, normalize(line.substring(2)), open + 1, close + 1));
        }
        continue;
      }
      if (pending.isEmpty()) {
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        startLine = i + 1;
      } else {
        pending.append('\n');
      }
      pending.append(line);
      if (!continues(pending)) {
        found.add(new Command(doc, startLine, normalize(pending.toString()), open + 1, close + 1));
        pending.setLength(0);
      }
    }
    if (!pending.isEmpty()) {
      found.add(new Command(doc, startLine, normalize(pending.toString()), open + 1, close + 1));
    }
    return found;
  }

  /** True while a quote is open or the last line ends in a backslash or a pipe. */
  private static boolean continues(CharSequence text) {
    String code = stripComments(text.toString());
    if (code.isEmpty()) {
      return false;
    }
    if (code.indexOf('\u0000') >= 0) {
      return true;
    }
    String last = code.substring(code.lastIndexOf('\n') + 1).stripTrailing();
    return last.endsWith("\\") || last.endsWith("|") || last.endsWith("&&");
  }

  /** Cuts '#' comments outside quotes; an unterminated quote is marked with a NUL at the end. */
  static String stripComments(String text) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          out.append(text.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (c == '\\' && i + 1 < text.length()) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else {
        out.append(c);
      }
    }
    if (quote != 0) {
      out.append('\u0000');
    }
    return out.toString();
  }

  /** One line: comments cut, backslash-newlines and blank runs become one space. */
  static String normalize(String command) {
    return stripComments(command)
        .replace("\u0000", "")
        .replace("\\\n", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
