/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

/** What kind of entry point a span is: sources apply to one or the other. */
enum Channel {
  HTTP,
  MESSAGE
}
