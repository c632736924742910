/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Decides whether a destination host is internal: host globs ({@code *.svc.cluster.local}, {@code
 * crm-api}), the special {@code <single-label>} for names without a dot, and CIDR ranges of literal
 * IPv4/IPv6 addresses. Host names are never resolved: that would be I/O on the request thread.
 */
public final class HostMatcher {

  /** The defaults: loopback, private ranges, single-label names and in-cluster services. */
  public static final String DEFAULTS =
      "localhost,<single-label>,*.svc.cluster.local,*.svc,127.0.0.0/8,::1/128,10.0.0.0/8,"
          + "172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,fc00::/7,fe80::/10";

  private static final String SINGLE_LABEL = "<single-label>";

  private final List<String> exactHosts;
  private final List<String> suffixes;
  private final List<Cidr> ranges;
  private final boolean singleLabel;
  private final String text;

  private HostMatcher(
      List<String> exactHosts,
      List<String> suffixes,
      List<Cidr> ranges,
      boolean singleLabel,
      String text) {
    this.exactHosts = exactHosts;
    this.suffixes = suffixes;
    this.ranges = ranges;
    this.singleLabel = singleLabel;
    this.text = text;
  }

  public static HostMatcher parse(List<String> entries, String property, ConfigErrors errors) {
    List<String> exact = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    List<Cidr> ranges = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    boolean singleLabel = false;
    for (String raw : entries) {
      String entry = raw.toLowerCase(Locale.ROOT);
      if (entry.equals(SINGLE_LABEL)) {
        singleLabel = true;
      } else if (entry.indexOf('/') >= 0) {
        Cidr cidr = Cidr.parse(entry);
        if (cidr == null) {
          errors.invalid(property, raw, "not a CIDR range such as 10.0.0.0/8 or fc00::/7");
          continue;
        }
        ranges.add(cidr);
      } else if (entry.startsWith("*.") && entry.indexOf('*', 1) < 0 && entry.length() > 2) {
        suffixes.add(entry.substring(1));
      } else if (entry.indexOf('*') < 0 && !entry.isEmpty()) {
        byte[] address = IpAddresses.parse(entry);
        if (address != null) {
          ranges.add(new Cidr(address, address.length * 8));
        } else {
          exact.add(entry);
        }
      } else {
        errors.invalid(property, raw, "use a host name, *.domain, <single-label> or a CIDR range");
        continue;
      }
      accepted.add(raw);
    }
    return new HostMatcher(
        Collections.unmodifiableList(exact),
        Collections.unmodifiableList(suffixes),
        Collections.unmodifiableList(ranges),
        singleLabel,
        String.join(",", accepted));
  }

  /** True when {@code host} (a name or a literal address) is internal. Unknown hosts are not. */
  public boolean matches(@Nullable String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name = host;
    if (name.charAt(0) == '[' && name.charAt(name.length() - 1) == ']') {
      name = name.substring(1, name.length() - 1);
    }
    if (!name.isEmpty() && name.charAt(name.length() - 1) == '.') {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return false;
    }
    // every spelling of an address is read as the address first: http://2130706433 is
    // 127.0.0.1 and http://134744072 is 8.8.8.8, never a single-label host name
    byte[] address = IpAddresses.parse(name);
    if (address != null) {
      for (int i = 0; i < ranges.size(); i++) {
        if (ranges.get(i).contains(address)) {
          return true;
        }
      }
      return false;
    }
    if (IpAddresses.looksNumeric(name)) {
      return false; // an address nobody can read is not internal
    }
    if (singleLabel && name.indexOf('.') < 0) {
      return true;
    }
    for (int i = 0; i < exactHosts.size(); i++) {
      if (exactHosts.get(i).equalsIgnoreCase(name)) {
        return true;
      }
    }
    for (int i = 0; i < suffixes.size(); i++) {
      String suffix = suffixes.get(i);
      int length = suffix.length();
      if (name.length() > length
          && name.regionMatches(true, name.length() - length, suffix, 0, length)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }

  /** An address range. */
  private static final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    Cidr(byte[] network, int prefixLength) {
      this.network = network;
      this.prefixLength = prefixLength;
    }

    @Nullable
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] network = IpAddresses.parse(text.substring(0, slash));
      if (network == null) {
        return null;
      }
      int prefix;
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (prefix < 0 || prefix > network.length * 8) {
        return null;
      }
      return new Cidr(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefixLength / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int remainingBits = prefixLength % 8;
      if (remainingBits == 0) {
        return true;
      }
      int mask = (0xFF << (8 - remainingBits)) & 0xFF;
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }
}
