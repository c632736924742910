/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** What a command runs with: its output streams, the environment and the clock. */
record Context(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {}
