/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import javax.annotation.Nullable;

/**
 * Parses literal IPv4 and IPv6 addresses without DNS (InetAddress.getByName may resolve). IPv4 is
 * read the way inet_aton and URL parsers read it, so every spelling of one address gives the same
 * bytes: decimal ({@code 2130706433}), octal ({@code 0177.0.0.1}), hex ({@code 0x7f.0.0.1}, {@code
 * 0x7f000001}), short dotted ({@code 127.1}, {@code 10.1.2}). An IPv4-mapped IPv6 address ({@code
 * ::ffff:8.8.8.8}, {@code ::ffff:808:808}) is its IPv4 address.
 */
final class IpAddresses {

  @Nullable
  static byte[] parse(String text) {
    if (text.indexOf(':') >= 0) {
      byte[] v6 = parseIpv6(text);
      return v6 == null ? null : unmapped(v6);
    }
    return parseIpv4(text);
  }

  /**
   * True when {@code host} is spelled like an IPv4 literal (digits, dots, hex digits, {@code x},
   * starting with a digit). Such a host that {@link #parse} refuses is not a name either.
   */
  static boolean looksNumeric(String host) {
    if (host.isEmpty() || host.charAt(0) < '0' || host.charAt(0) > '9') {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || c == 'x'
              || c == 'X'
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static byte[] unmapped(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return v6;
      }
    }
    if ((v6[10] & 0xff) != 0xff || (v6[11] & 0xff) != 0xff) {
      return v6;
    }
    return new byte[] {v6[12], v6[13], v6[14], v6[15]};
  }

  @Nullable
  private static byte[] parseIpv4(String text) {
    if (text.isEmpty()) {
      return null;
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      long value = number(parts[i]);
      if (value < 0) {
        return null;
      }
      values[i] = value;
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[parts.length - 1];
    long lastMax = (1L << (8 * (5 - parts.length))) - 1;
    if (last > lastMax) {
      return null;
    }
    address |= last;
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
  }

  /** One part: {@code 0x..} hex, {@code 0..} octal, else decimal; -1 when not a number. */
  private static long number(String part) {
    if (part.isEmpty() || part.length() > 12) {
      return -1;
    }
    int radix = 10;
    int start = 0;
    if (part.length() > 1 && part.charAt(0) == '0') {
      if (part.charAt(1) == 'x' || part.charAt(1) == 'X') {
        radix = 16;
        start = 2;
        if (part.length() == 2) {
          return -1;
        }
      } else {
        radix = 8;
        start = 1;
      }
    }
    long value = 0;
    for (int i = start; i < part.length(); i++) {
      int digit = Character.digit(part.charAt(i), radix);
      if (digit < 0) {
        return -1;
      }
      value = value * radix + digit;
    }
    return value;
  }

  @Nullable
  private static byte[] parseIpv6(String text) {
    int zone = text.indexOf('%');
    String address = zone >= 0 ? text.substring(0, zone) : text;
    int lastColon = address.lastIndexOf(':');
    if (address.indexOf('.', lastColon) > lastColon) {
      // an embedded dotted quad: ::ffff:127.0.0.1 -> ::ffff:7f00:1
      byte[] v4 = parseStrictDottedQuad(address.substring(lastColon + 1));
      if (v4 == null) {
        return null;
      }
      address =
          address.substring(0, lastColon + 1)
              + Integer.toHexString(((v4[0] & 0xff) << 8) | (v4[1] & 0xff))
              + ':'
              + Integer.toHexString(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
    }
    int doubleColon = address.indexOf("::");
    if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? address.substring(0, doubleColon) : address;
    String tail = doubleColon >= 0 ? address.substring(doubleColon + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7)) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < headGroups.length; i++) {
      out[2 * i] = (byte) (headGroups[i] >> 8);
      out[2 * i + 1] = (byte) headGroups[i];
    }
    int offset = 8 - tailGroups.length;
    for (int i = 0; i < tailGroups.length; i++) {
      out[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
      out[2 * (offset + i) + 1] = (byte) tailGroups[i];
    }
    return out;
  }

  @Nullable
  private static int[] groups(String text) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      try {
        out[i] = Integer.parseInt(part, 16);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }

  @Nullable
  private static byte[] parseStrictDottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < parts[i].length(); k++) {
        char c = parts[i].charAt(k);
        if (c < '0' || c > '9') {
          return null;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }

  private IpAddresses() {}
}
