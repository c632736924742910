/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Stops what a test class started, in its {@code @AfterAll}:
 *
 * <pre>{@code
 * @AfterAll
 * static void stop() throws Exception {
 *   Closeables.closeAll(gateway, audit, jaeger);
 * }
 * }</pre>
 */
public final class Closeables {

  /**
   * Closes each resource that is not {@code null} (a {@code @BeforeAll} that failed half-way leaves
   * some unset), in the order given, every one of them even when an earlier one fails; then throws
   * the first failure, with the later ones suppressed.
   */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    closeEach(Arrays.asList(resources));
  }

  /**
   * As {@link #closeAll(AutoCloseable...)}: {@code started} (such as the applications), then more.
   */
  public static void closeAll(Collection<? extends AutoCloseable> started, AutoCloseable... more)
      throws Exception {
    List<AutoCloseable> all = new ArrayList<>(started);
    all.addAll(Arrays.asList(more));
    closeEach(all);
  }

  private static void closeEach(List<AutoCloseable> resources) throws Exception {
    Exception first = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private Closeables() {}
}
