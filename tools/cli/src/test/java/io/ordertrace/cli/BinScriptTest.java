/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * bin/ordertrace checks option names itself, so that a mistake fails before the jar is built; its
 * lists must be exactly the options the jar declares.
 */
class BinScriptTest {

  private static final Path SCRIPT = RepositoryRoot.find().resolve("bin/ordertrace");

  @ParameterizedTest
  @ValueSource(strings = {"find", "show"})
  void theScriptKnowsExactlyTheOptionsOfTheJar(String command) throws IOException {
    String script = Files.readString(SCRIPT);
    Set<String> inScript = new TreeSet<>();
    inScript.addAll(list(script, "COMMON_VALUE_OPTIONS"));
    inScript.addAll(list(script, "COMMON_FLAGS"));
    inScript.addAll(list(script, command.toUpperCase(Locale.ROOT) + "_VALUE_OPTIONS"));
    inScript.addAll(list(script, command.toUpperCase(Locale.ROOT) + "_FLAGS"));

    Context context =
        new Context(System.out, System.err, java.util.Map.of(), java.time.Clock.systemUTC());
    Set<String> inJar = new TreeSet<>();
    Set<String> withValue = new TreeSet<>();
    CommandLine subcommand = Main.commandLine(context).getSubcommands().get(command);
    for (OptionSpec option : subcommand.getCommandSpec().options()) {
      inJar.addAll(Arrays.asList(option.names()));
      if (option.arity().max() > 0) {
        withValue.addAll(Arrays.asList(option.names()));
      }
    }

    assertThat(inScript).isEqualTo(inJar);
    Set<String> valueOptionsInScript = new TreeSet<>(list(script, "COMMON_VALUE_OPTIONS"));
    valueOptionsInScript.addAll(list(script, command.toUpperCase(Locale.ROOT) + "_VALUE_OPTIONS"));
    assertThat(valueOptionsInScript).isEqualTo(withValue);
  }

  private static Set<String> list(String script, String name) {
    Matcher matcher =
        Pattern.compile("^" + name + "=\\(([^)]*)\\)", Pattern.MULTILINE).matcher(script);
    assertThat(matcher.find()).as(name + " in bin/ordertrace").isTrue();
    return new TreeSet<>(Arrays.asList(matcher.group(1).trim().split("\\s+")));
  }
}
