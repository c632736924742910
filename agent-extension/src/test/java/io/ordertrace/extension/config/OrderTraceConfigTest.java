/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTraceConfigTest {

  private final List<String> reported = new ArrayList<>();
  private final ConfigErrors errors =
      (property, value, reason) -> reported.add(property + " '" + value + "': " + reason);

  private OrderTraceConfig parse(Map<String, String> properties) {
    return OrderTraceConfig.parse(PropertySource.of(properties), errors);
  }

  @Test
  void defaultsMatchTheDocumentedContract() {
    OrderTraceConfig config = OrderTraceConfig.defaults();
    assertThat(config.orderIdSources())
        .extracting(Object::toString)
        .containsExactly(
            "path:/api/orders/{id}",
            "path:/crm/orders/{id}",
            "path:/mes/orders/{id}",
            "query:orderId",
            "header:X-Order-Id",
            "message-header:order_id");
    assertThat(config.userIdSources())
        .extracting(Object::toString)
        .containsExactly("header:X-User-Id", "jwt:sub");
    assertThat(config.edge()).isFalse();
    assertThat(config.samplerRatio()).isEqualTo(1.0);
    assertThat(config.idPolicy().maxLength()).isEqualTo(64);
  }

  @Test
  void badValuesAreReportedByPropertyAndValueAndTheRestKeepsWorking() {
    Map<String, String> properties = new HashMap<>();
    properties.put(
        "ordertrace.order-id.sources", "path:/o/{id},cookie:x,header:X-Order-Id,jwt:sub");
    properties.put("ordertrace.sampler.ratio", "half");
    properties.put("ordertrace.edge", "maybe");
    properties.put("ordertrace.stage.rules", "POST /api/orders=created,GET=broken");

    OrderTraceConfig config = parse(properties);

    assertThat(reported)
        .anySatisfy(line -> assertThat(line).startsWith("ordertrace.order-id.sources 'cookie:x'"))
        .anySatisfy(line -> assertThat(line).startsWith("ordertrace.order-id.sources 'jwt:sub'"))
        .anySatisfy(line -> assertThat(line).startsWith("ordertrace.sampler.ratio 'half'"))
        .anySatisfy(line -> assertThat(line).startsWith("ordertrace.edge 'maybe'"))
        .anySatisfy(line -> assertThat(line).startsWith("ordertrace.stage.rules 'GET=broken'"))
        .hasSize(5);
    assertThat(config.orderIdSources())
        .extracting(Object::toString)
        .containsExactly("path:/o/{id}", "header:X-Order-Id");
    assertThat(config.samplerRatio()).isEqualTo(1.0);
    assertThat(config.edge()).as("an unreadable edge flag keeps the edge closed").isTrue();
    assertThat(config.stageRules().forRequest("POST", "/api/orders")).isEqualTo("created");
  }

  @ParameterizedTest(name = "ordertrace.edge={0} -> {1}")
  @CsvSource({
    "true,true",
    "TRUE,true",
    "1,true",
    "yes,true",
    "On,true",
    "false,false",
    "0,false",
    "no,false",
    "OFF,false"
  })
  void booleansAcceptTheUsualSpellings(String value, boolean expected) {
    assertThat(parse(Map.of("ordertrace.edge", value)).edge()).isEqualTo(expected);
    assertThat(reported).isEmpty();
  }

  @ParameterizedTest(name = "ordertrace.edge=''{0}''")
  @ValueSource(strings = {"ture", "enabled", "2", "y"})
  void anUnreadableEdgeFlagKeepsTheSafeSideAndSaysSoInOneLine(String value) {
    assertThat(parse(Map.of("ordertrace.edge", value)).edge()).isTrue();
    assertThat(reported)
        .singleElement()
        .asString()
        .startsWith("ordertrace.edge '" + value + "'")
        .contains("safe side")
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}=''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "ordertrace.order-id.sources | ' '",
        "ordertrace.order-id.sources | cookie:x",
        "ordertrace.user-id.sources | ,"
      })
  void anEmptySourceListIsRefusedAndTheDefaultsStay(String property, String value) {
    OrderTraceConfig config = parse(Map.of(property, value));
    OrderTraceConfig defaults = OrderTraceConfig.defaults();
    assertThat(config.orderIdSources()).hasSameSizeAs(defaults.orderIdSources());
    assertThat(config.userIdSources()).hasSameSizeAs(defaults.userIdSources());
    assertThat(reported)
        .anySatisfy(line -> assertThat(line).startsWith(property).contains("refused"));
  }

  @Test
  void unknownOrdertraceKeysAreReportedOnceWithTheNearestKnownName() {
    List<String> warnings = new ArrayList<>();
    ConfigErrors collect =
        new ConfigErrors() {
          @Override
          public void invalid(String property, String value, String reason) {
            warnings.add("invalid " + property);
          }

          @Override
          public void unknown(String key, String nearest) {
            warnings.add(key + " -> " + nearest);
          }
        };
    KnownProperties.reportUnknown(
        List.of(
            "ordertrace.egde",
            "ORDERTRACE_EGDE",
            "ORDERTRACE_ORDER_ID_SOURCES",
            "ordertrace.redaction.allowed-key",
            "ordertrace.sampler.ratio",
            "otel.service.name",
            "PATH"),
        collect);
    assertThat(warnings)
        .containsExactly(
            "ordertrace.egde -> ordertrace.edge",
            "ordertrace.redaction.allowed-key -> ordertrace.redaction.allowed-keys");
  }

  @Test
  void environmentVariableNamesFollowTheProperty() {
    assertThat(PropertySource.toEnvName("ordertrace.order-id.sources"))
        .isEqualTo("ORDERTRACE_ORDER_ID_SOURCES");
    assertThat(PropertySource.toEnvName("ordertrace.propagation.internal-hosts"))
        .isEqualTo("ORDERTRACE_PROPAGATION_INTERNAL_HOSTS");
  }

  @Test
  void ratioOutOfRangeFallsBackToKeepingEverything() {
    Map<String, String> properties = new HashMap<>();
    properties.put("ordertrace.sampler.ratio", "1.5");
    assertThat(parse(properties).samplerRatio()).isEqualTo(1.0);
    assertThat(reported).singleElement().asString().contains("ordertrace.sampler.ratio '1.5'");
  }

  @Test
  void stageRulesMapRoutesAndMessagesToStages() {
    StageRules rules = OrderTraceConfig.defaults().stageRules();
    assertThat(rules.forRequest("POST", "/api/orders")).isEqualTo("created");
    assertThat(rules.forRequest("GET", "/api/orders")).isNull();
    assertThat(rules.forRequest("post", "/crm/orders/100042/approve")).isEqualTo("approved");
    assertThat(rules.forRequest("POST", "/mes/orders/100042/ship")).isEqualTo("shipped");
    assertThat(rules.forMessage("orders", "order.approved")).isEqualTo("in_production");
    assertThat(rules.forMessage("orders", "order.cancelled")).isNull();
  }

  @Test
  void idPolicyRefusesAnythingThatIsNotAnId() {
    IdPolicy policy = new IdPolicy(12);
    assertThat(policy.accept(" 100042 ")).isEqualTo("100042");
    assertThat(policy.accept("ORD-1:a.b")).isEqualTo("ORD-1:a.b");
    assertThat(policy.accept("ivan@mail.ru")).isNull();
    assertThat(policy.accept("a b")).isNull();
    assertThat(policy.accept("1234567890123")).as("longer than the cap").isNull();
    assertThat(policy.accept("")).isNull();
    assertThat(policy.accept(null)).isNull();
  }
}
