/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.driver;

import java.net.URI;
import java.net.URISyntaxException;

/** Command-line options of the order driver. */
public record Options(
    int orders, String shopUrl, String crmUrl, String mesUrl, int timeoutSeconds, boolean help) {

  static final String USAGE =
      """
      Usage: java -jar order-driver.jar [options]

      Places orders through the public Shop API (with realistic customer data), approves
      them in the CRM, waits until the MES has them in production, ships them, and prints
      a table of order id -> final status. Exit code 0 when every order was shipped,
      1 when any was not, 2 on bad usage.

      Options:
        --orders N            number of orders to place (default 5, max 1000)
        --shop URL            Shop API base URL (default http://127.0.0.1:8080)
        --crm URL             CRM API base URL (default http://127.0.0.1:8081)
        --mes URL             MES API base URL (default http://127.0.0.1:8082)
        --timeout-seconds S   how long to wait for each order to reach production (default 60)
        --help                show this help""";

  /** Thrown for bad command lines; the message says what is wrong. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static Options parse(String... args) throws UsageException {
    int orders = 5;
    int timeout = 60;
    String shop = "http://127.0.0.1:8080";
    String crm = "http://127.0.0.1:8081";
    String mes = "http://127.0.0.1:8082";
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--help", "-h" -> help = true;
        case "--orders" -> orders = intArg(a, value != null ? value : next(args, ++i, a), 1, 1000);
        case "--timeout-seconds" ->
            timeout = intArg(a, value != null ? value : next(args, ++i, a), 1, 3600);
        case "--shop" -> shop = url(a, value != null ? value : next(args, ++i, a));
        case "--crm" -> crm = url(a, value != null ? value : next(args, ++i, a));
        case "--mes" -> mes = url(a, value != null ? value : next(args, ++i, a));
        default -> throw new UsageException("unknown option '" + args[i] + "' (see --help)");
      }
    }
    return new Options(orders, shop, crm, mes, timeout, help);
  }

  private static String next(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value (see --help)");
    }
    return args[i];
  }

  private static int intArg(String option, String v, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new UsageException(option + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a whole number, got '" + v + "'");
    }
  }

  private static String url(String option, String v) throws UsageException {
    try {
      URI u = new URI(v);
      if ((!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()))
          || u.getHost() == null) {
        throw new UsageException(
            option + " must be an http(s) URL like http://127.0.0.1:8080, got '" + v + "'");
      }
      return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    } catch (URISyntaxException e) {
      throw new UsageException(option + " is not a valid URL: " + v);
    }
  }
}
