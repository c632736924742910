/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {

  @Test
  void keepsTheExitCodeAndTheTwoStreamsApart() {
    Command.Result r =
        Command.run(
            List.of("bash", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("out\n");
    assertThat(r.err()).isEqualTo("err\n");
    assertThatThrownBy(r::orThrow)
        .hasMessageContaining("exited 3")
        .hasMessageContaining("out\nerr\n");
  }

  @Test
  void errorToOutputInterleavesAsPrinted() {
    Command.Result r =
        Command.builder(List.of("bash", "-c", "echo 1; echo 2 >&2; echo 3")).errorToOutput().run();

    assertThat(r.orThrow().out()).isEqualTo("1\n2\n3\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void environmentIsAddedRemovedAndFilteredAndStdinIsEmpty(@TempDir Path dir) throws Exception {
    Command.Result r =
        Command.builder(
                List.of("bash", "-c", "pwd; echo \"${A-unset} ${B-unset} ${HOME-unset}\"; cat"))
            .directory(dir)
            .removeInheritedEnv(name -> name.equals("HOME"))
            .env("A", "a")
            .env("B", "b")
            .env("B", null)
            .run();

    assertThat(r.outLines()).containsExactly(dir.toRealPath().toString(), "a unset unset");
  }

  @Test
  void aCommandThatDoesNotEndInTimeIsKilledWithItsChildren(@TempDir Path dir) throws Exception {
    Path pid = dir.resolve("child.pid");
    assertThatThrownBy(
            () ->
                Command.builder(
                        List.of(
                            "bash", "-c", "echo started; sleep 300 & echo $! > " + pid + "; wait"))
                    .timeout(Duration.ofSeconds(2))
                    .run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not finish within PT2S")
        .hasMessageContaining("started");

    long child = Long.parseLong(Files.readString(pid).strip());
    await("the background child is gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).filter(ProcessHandle::isAlive).isEmpty());
  }
}
