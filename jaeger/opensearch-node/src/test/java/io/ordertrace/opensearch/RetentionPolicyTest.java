/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.common.regex.Regex;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.json.JsonXContent;

/**
 * The ISM policies under jaeger/opensearch/ (not run here: the ISM plugin is not on Maven Central)
 * are held to their meaning: valid JSON, a delete state after the retention, and index patterns
 * that catch exactly the indices of their mode and not those of the other.
 */
class RetentionPolicyTest {

  private static final Path DIR =
      Paths.get(System.getProperty("ordertrace.repo.root", "../..")).resolve("jaeger/opensearch");

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    "ism-policy-daily.json,    ordertrace-jaeger-span-2026-11-29,         true",
    "ism-policy-daily.json,    ordertrace-jaeger-service-2026-11-29,      true",
    "ism-policy-daily.json,    ordertrace-jaeger-dependencies-2026-11-29, true",
    "ism-policy-daily.json,    ordertrace-jaeger-span-000001,             false",
    "ism-policy-daily.json,    other-jaeger-span-2026-11-29,              false",
    "ism-policy-rollover.json, ordertrace-jaeger-span-000001,             true",
    "ism-policy-rollover.json, ordertrace-jaeger-service-000042,          true",
    "ism-policy-rollover.json, ordertrace-jaeger-span-2026-11-29,         false",
    "ism-policy-rollover.json, ordertrace-jaeger-span-write,              false",
  })
  void eachPolicyCatchesTheIndicesOfItsMode(String file, String index, boolean caught)
      throws IOException {
    assertThat(Regex.simpleMatch(patterns(policy(file)), index)).isEqualTo(caught);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ism-policy-daily.json, min_index_age", "ism-policy-rollover.json, min_rollover_age"})
  @SuppressWarnings("unchecked")
  void hotThenDeleteAfterTheDefaultFourteenDays(String file, String condition) throws IOException {
    Map<String, Object> policy = policy(file);
    List<Map<String, Object>> states = (List<Map<String, Object>>) policy.get("states");

    assertThat(policy.get("default_state")).isEqualTo("hot");
    assertThat(states).extracting(state -> state.get("name")).containsExactly("hot", "delete");
    Map<String, Object> transition =
        ((List<Map<String, Object>>) states.get(0).get("transitions")).get(0);
    assertThat(transition.get("state_name")).isEqualTo("delete");
    assertThat((Map<String, Object>) transition.get("conditions")).containsEntry(condition, "14d");
    assertThat((List<Object>) states.get(1).get("actions"))
        .containsExactly(Map.of("delete", Map.of()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> policy(String file) throws IOException {
    String json = java.nio.file.Files.readString(DIR.resolve(file));
    Map<String, Object> root = XContentHelper.convertToMap(JsonXContent.jsonXContent, json, true);
    return (Map<String, Object>) root.get("policy");
  }

  @SuppressWarnings("unchecked")
  private static String[] patterns(Map<String, Object> policy) {
    List<String> patterns = new ArrayList<>();
    for (Map<String, Object> template : (List<Map<String, Object>>) policy.get("ism_template")) {
      patterns.addAll((List<String>) template.get("index_patterns"));
    }
    return patterns.toArray(String[]::new);
  }
}
