/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Generates the 3D model of a piece: an ASCII STL ring, a few KB, deterministic per order. */
final class ModelGenerator {
  private ModelGenerator() {}

  static byte[] ring(String orderId, int pieces) {
    int segments = 24 + Math.floorMod(orderId.hashCode(), 16) + 4 * Math.min(pieces, 8);
    double r = 8.0 + Math.floorMod(orderId.hashCode(), 5) * 0.25;
    StringBuilder b = new StringBuilder("solid order_").append(orderId).append('\n');
    for (int i = 0; i < segments; i++) {
      double a0 = 2 * Math.PI * i / segments;
      double a1 = 2 * Math.PI * (i + 1) / segments;
      facet(b, a0, a1, r, 0.0, 2.0);
    }
    b.append("endsolid order_").append(orderId).append('\n');
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void facet(StringBuilder b, double a0, double a1, double r, double z0, double z1) {
    double nx = Math.cos((a0 + a1) / 2);
    double ny = Math.sin((a0 + a1) / 2);
    b.append(String.format(Locale.ROOT, "facet normal %.4f %.4f 0\n outer loop\n", nx, ny));
    vertex(b, r * Math.cos(a0), r * Math.sin(a0), z0);
    vertex(b, r * Math.cos(a1), r * Math.sin(a1), z0);
    vertex(b, r * Math.cos(a1), r * Math.sin(a1), z1);
    b.append(" endloop\nendfacet\n");
  }

  private static void vertex(StringBuilder b, double x, double y, double z) {
    b.append(String.format(Locale.ROOT, "  vertex %.4f %.4f %.4f\n", x, y, z));
  }
}
