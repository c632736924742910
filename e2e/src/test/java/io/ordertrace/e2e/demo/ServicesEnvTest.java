/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrace.testing.RepositoryRoot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesEnvTest {
  @Test
  void expandsReferencesAndAppliesOverrides() {
    ServicesEnv env =
        ServicesEnv.parse(
            List.of(
                "# comment",
                "",
                "CRM_API_PORT=8081",
                "CRM_URL=http://127.0.0.1:${CRM_API_PORT}/x",
                "EMPTY=",
                "UNKNOWN=${NOPE}-y"));
    assertThat(env.resolve(Map.of()))
        .containsEntry("CRM_URL", "http://127.0.0.1:8081/x")
        .containsEntry("EMPTY", "")
        .containsEntry("UNKNOWN", "-y");
    assertThat(env.resolve(Map.of("CRM_API_PORT", "9999", "EXTRA", "1")))
        .containsEntry("CRM_URL", "http://127.0.0.1:9999/x")
        .containsEntry("EXTRA", "1");
    assertThatThrownBy(() -> ServicesEnv.parse(List.of("export X=1")))
        .hasMessageContaining("cannot parse");
  }

  @Test
  void theRealFileDescribesEveryService() {
    ServicesEnv env = ServicesEnv.load(RepositoryRoot.find().resolve("deploy/local/services.env"));
    Map<String, String> s = env.resolve(Map.of());
    assertThat(env.services(s))
        .containsExactly(
            "payment-stub", "file-store", "calculation-service", "crm-api", "mes-api", "shop-api");
    for (String svc : env.services(s)) {
      String id = ServicesEnv.id(svc);
      assertThat(s)
          .as(svc)
          .containsKeys(
              id + "_PORT", id + "_JAR", id + "_HEALTH", id + "_OTEL_NAME", id + "_JVM_ARGS");
    }
    assertThat(s.get("SHOP_API_JVM_ARGS")).contains("-Dordertrace.edge=true");
    assertThat(s.get("PAYMENT_URL"))
        .isEqualTo("http://pay.alexandrite-payments.example:8085/v1/charges");
    assertThat(s.get("OTEL_RESOURCE_ATTRIBUTES"))
        .isEqualTo("deployment.environment.name=demo,tenant.id=alexandrite");
    assertThat(s.get("PAYMENT_STUB_OTEL_NAME")).isEmpty();
  }
}
