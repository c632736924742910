/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script answers --help and refuses an unknown argument with one line and a non-zero exit,
 * before any side effect: run with an empty HOME and cache, and with the tools that install, build
 * or download replaced by stubs that record being called; the checkout must not change.
 */
class ScriptArgumentsTest {

  private static final String BOGUS = "--no-such-option-xyz";
  private static final List<String> SIDE_EFFECT_TOOLS =
      List.of(
          "apt-get",
          "go",
          "pip",
          "pip3",
          "docker",
          "sudo",
          "wrk",
          "mvn",
          "helm",
          "kubectl",
          "openssl",
          "curl",
          "psql",
          "rabbitmqctl",
          "systemctl",
          "runuser",
          "pg_ctlcluster",
          "python3");

  static Stream<String> scripts() throws IOException {
    try (Stream<Path> files = Files.walk(Docs.ROOT)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  !p.toString().contains("/target/")
                      && !p.toString().contains("/.git/")
                      && !p.toString().contains("/node_modules/")
                      && !p.toString().contains("/deploy/local/run/"))
          .filter(
              p ->
                  p.toString().endsWith(".sh")
                      || p.getParent().getFileName().toString().equals("bin"))
          .filter(ScriptArgumentsTest::executed)
          .map(p -> Docs.ROOT.relativize(p).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Libraries say so in their first lines ("Sourced, not executed") and are skipped. */
  private static boolean executed(Path p) {
    try {
      String head =
          String.join(
              "\n", Files.readAllLines(p).subList(0, Math.min(3, Files.readAllLines(p).size())));
      return !head.contains("Sourced, not executed");
    } catch (IOException e) {
      return true;
    }
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("scripts")
  void helpExitsZeroWithUsageAndNoSideEffect(String script, @TempDir Path tmp) throws Exception {
    Run r = run(script, "--help", tmp);
    assertThat(r.exit()).as("%s --help\n%s%s", script, r.stdout(), r.stderr()).isZero();
    assertThat(r.stdout().toLowerCase(java.util.Locale.ROOT))
        .as("%s --help", script)
        .contains("usage");
    r.assertNoSideEffect(script);
  }

  @ParameterizedTest(name = "{0} " + BOGUS)
  @MethodSource("scripts")
  void anUnknownArgumentIsOneLineNonZeroAndNoSideEffect(String script, @TempDir Path tmp)
      throws Exception {
    Run r = run(script, BOGUS, tmp);
    assertThat(r.exit()).as("%s %s\n%s", script, BOGUS, r.stderr()).isNotZero();
    List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("%s %s: stderr", script, BOGUS).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(lines.get(0))
        .as("%s %s: the error names the argument", script, BOGUS)
        .contains(BOGUS);
    r.assertNoSideEffect(script);
  }

  /** The check itself: a script that does act (installs its S3 test server) is caught. */
  @Test
  void aSideEffectIsCaught(@TempDir Path tmp) throws Exception {
    Run r = run("deploy/local/s3-test-server.sh", "--install", tmp);
    assertThat(r.exit()).isNotZero();
    assertThat(r.calls()).as("the python3 stub recorded the venv creation").exists();
  }

  record Run(
      int exit,
      String stdout,
      String stderr,
      Path home,
      Path calls,
      String statusBefore,
      String statusAfter) {
    void assertNoSideEffect(String script) throws IOException {
      assertThat(calls)
          .as("%s called a tool that installs, builds or downloads", script)
          .doesNotExist();
      try (Stream<Path> left = Files.list(home)) {
        assertThat(left).as("%s wrote into HOME", script).isEmpty();
      }
      assertThat(statusAfter)
          .as("%s changed the checkout (git status)", script)
          .isEqualTo(statusBefore);
    }
  }

  private static Run run(String script, String arg, Path tmp) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path stubs = Files.createDirectories(tmp.resolve("stubs"));
    Path calls = tmp.resolve("calls");
    for (String tool : SIDE_EFFECT_TOOLS) {
      Path stub = stubs.resolve(tool);
      Files.writeString(stub, "#!/bin/sh\necho \"$0 $*\" >> '" + calls + "'\nexit 97\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    String before = gitStatus();
    Command.Result r =
        Command.builder(List.of("./" + script, arg))
            .directory(Docs.ROOT)
            .env("HOME", home.toString())
            .env("XDG_CACHE_HOME", home.resolve(".cache").toString())
            .env("PATH", stubs + File.pathSeparator + System.getenv("PATH"))
            .run();
    return new Run(r.exitCode(), r.out(), r.err(), home, calls, before, gitStatus());
  }

  private static String gitStatus() {
    return String.join(
        "\n",
        Command.builder(List.of("git", "status", "--porcelain", "--ignored"))
            .directory(Docs.ROOT)
            .errorToOutput()
            .timeout(Duration.ofSeconds(30))
            .run()
            .out()
            .lines()
            .toList());
  }
}
