package io.ordertrace.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The options and operands of one command: {@code --name value}, {@code --name=value}, flags
 * without a value, and {@code --} to end the options.
 */
final class Arguments {

  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> operands = new ArrayList<>();

  private Arguments() {}

  /**
   * @param withValue options that take a value, e.g. {@code --order}
   * @param flags options without a value, e.g. {@code --json}
   * @throws UsageException for an unknown option or a missing value
   */
  static Arguments parse(List<String> args, Set<String> withValue, Set<String> flags) {
    Arguments parsed = new Arguments();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        parsed.operands.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (withValue.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option " + name + " needs a value");
          }
          value = args.get(++i);
        }
        parsed.values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      } else if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException("option " + name + " takes no value");
        }
        parsed.values.computeIfAbsent(name, key -> new ArrayList<>()).add("true");
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return parsed;
  }

  /** The last value of {@code option}, or {@code null}. */
  @Nullable
  String value(String option) {
    List<String> all = values.get(option);
    return all == null ? null : all.get(all.size() - 1);
  }

  /** Every value of a repeatable {@code option}, in order. */
  List<String> values(String option) {
    return values.getOrDefault(option, List.of());
  }

  boolean has(String option) {
    return values.containsKey(option);
  }

  /** Arguments that are not options. */
  List<String> operands() {
    return operands;
  }

  /**
   * A positive integer option.
   *
   * @throws UsageException when it is not a whole number in {@code [min, max]}
   */
  int intValue(String option, int fallback, int min, int max) {
    String text = value(option);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "invalid " + option + " '" + text + "': expected a whole number from " + min + " to " + max);
  }
}
