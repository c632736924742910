/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, for tests that run its scripts, configs and built binaries. */
public final class RepositoryRoot {

  private static final String MARKER = "tools/otel-binaries.sh";

  /**
   * {@code -Dordertrace.repo.root} (the poms set it to the reactor root), else the first parent of
   * the working directory that holds {@code tools/otel-binaries.sh}.
   */
  public static Path find() {
    String property = System.getProperty("ordertrace.repo.root");
    if (property != null && Files.isRegularFile(Path.of(property, MARKER))) {
      return Path.of(property).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve(MARKER))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "repository root (with "
              + MARKER
              + ") not found above "
              + Path.of("").toAbsolutePath()
              + "; set -Dordertrace.repo.root=<repository root>");
    }
    return dir;
  }

  private RepositoryRoot() {}
}
