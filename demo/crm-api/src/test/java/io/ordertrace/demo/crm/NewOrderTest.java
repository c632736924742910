/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NewOrderTest {
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode parse(String s) throws Exception {
    return json.readTree(s.replace('\'', '"'));
  }

  @Test
  void computesTotalFromItems() throws Exception {
    OrderService.NewOrder o =
        OrderService.NewOrder.validate(
            parse(
                "{'customer':{'email':'a@example.com'},'deliveryAddress':{'city':'Berlin'},"
                    + "'items':[{'sku':'A','quantity':2,'unitPrice':10.5},{'sku':'B','quantity':1,'unitPrice':100}],'channel':'web-shop'}"));
    assertThat(o.total()).isEqualByComparingTo("121.00");
    assertThat(o.currency()).isEqualTo("EUR");
    assertThat(o.channel()).isEqualTo("web-shop");
  }

  @Test
  void rejectsIncompleteOrders() {
    assertThatThrownBy(
            () -> OrderService.NewOrder.validate(parse("{'deliveryAddress':'x','items':[]}")))
        .hasMessageContaining("email");
    assertThatThrownBy(
            () -> OrderService.NewOrder.validate(parse("{'customer':{'email':'a@b'},'items':[]}")))
        .hasMessageContaining("deliveryAddress");
    assertThatThrownBy(
            () ->
                OrderService.NewOrder.validate(
                    parse(
                        "{'customer':{'email':'a@b'},'deliveryAddress':'x','items':[{'sku':'A','quantity':0,'unitPrice':1}]}")))
        .hasMessageContaining("quantity");
  }

  @Test
  void faultRuleMatchesWholeIds() {
    CrmProperties p = new CrmProperties("u", 1, "orders", "rk", "q", "d", 1, "\\d*1");
    assertThat(p.failsOrder("100001")).isTrue();
    assertThat(p.failsOrder("100010")).isFalse();
    assertThat(new CrmProperties("u", 1, "orders", "rk", "q", "d", 1, "").failsOrder("100001"))
        .isFalse();
  }
}
