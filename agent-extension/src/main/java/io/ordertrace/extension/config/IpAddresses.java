package io.ordertrace.extension.config;

import javax.annotation.Nullable;

/** Parses literal IPv4 and IPv6 addresses without DNS (InetAddress.getByName may resolve). */
final class IpAddresses {

  @Nullable
  static byte[] parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseIpv6(text);
    }
    return parseIpv4(text);
  }

  @Nullable
  private static byte[] parseIpv4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  @Nullable
  private static byte[] parseIpv6(String text) {
    int zone = text.indexOf('%');
    String address = zone >= 0 ? text.substring(0, zone) : text;
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

  private IpAddresses() {}
}
