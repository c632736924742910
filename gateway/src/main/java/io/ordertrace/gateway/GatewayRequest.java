/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

/** The parts of a request a policy decides on: method, raw path and decoded parameters. */
record GatewayRequest(String method, String path, QueryParameters parameters) {}
