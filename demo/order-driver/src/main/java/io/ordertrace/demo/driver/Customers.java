/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic (but invented) customer data. It is personal data on purpose: the tracing pipeline must
 * redact it (S5). Emails use the reserved example.com/.org domains.
 */
final class Customers {
  private static final List<String[]> PEOPLE =
      List.of(
          new String[] {
            "Anna Petrova",
            "anna.petrova@example.com",
            "+49 30 5550 1234",
            "Torstrasse 12",
            "10119",
            "Berlin",
            "DE"
          },
          new String[] {
            "Jonas Weber",
            "jonas.weber@example.org",
            "+49 89 5550 2233",
            "Leopoldstrasse 77",
            "80802",
            "Muenchen",
            "DE"
          },
          new String[] {
            "Maria Rossi",
            "m.rossi@example.com",
            "+39 02 5550 4411",
            "Via Torino 5",
            "20123",
            "Milano",
            "IT"
          },
          new String[] {
            "Olga Ivanova",
            "olga.ivanova@example.com",
            "+7 495 555 0199",
            "ul. Tverskaya 9",
            "125009",
            "Moskva",
            "RU"
          },
          new String[] {
            "Lukas Novak",
            "lukas.novak@example.org",
            "+420 2 5550 7788",
            "Vodickova 30",
            "11000",
            "Praha",
            "CZ"
          },
          new String[] {
            "Sofia Lindqvist",
            "sofia.l@example.com",
            "+46 8 5550 3030",
            "Drottninggatan 50",
            "11121",
            "Stockholm",
            "SE"
          });
  private static final List<String> SKUS =
      List.of("RING-GOLD-ALX", "RING-SILV-ALX", "EAR-GOLD-ALX", "PEND-PLAT-ALX", "BRAC-SILV-01");

  private Customers() {}

  static String userId(int n) {
    return "u-" + (1001 + n % PEOPLE.size());
  }

  static Map<String, Object> order(int n) {
    String[] p = PEOPLE.get(n % PEOPLE.size());
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", p[0]);
    customer.put("email", p[1]);
    customer.put("phone", p[2]);
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("recipient", p[0]);
    address.put("street", p[3]);
    address.put("postalCode", p[4]);
    address.put("city", p[5]);
    address.put("country", p[6]);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sku", SKUS.get(n % SKUS.size()));
    item.put("quantity", 1 + n % 2);
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("customer", customer);
    order.put("deliveryAddress", address);
    order.put(
        "items",
        n % 3 == 0
            ? List.of(item, Map.of("sku", SKUS.get((n + 2) % SKUS.size()), "quantity", 1))
            : List.of(item));
    return order;
  }
}
