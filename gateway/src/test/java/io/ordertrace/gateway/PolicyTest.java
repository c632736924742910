package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

  private static Decision decide(String role, String method, String pathAndQuery) throws Exception {
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String query = question < 0 ? null : pathAndQuery.substring(question + 1);
    return AccessPolicy.decide(
        Role.parse(role).orElseThrow(), new GatewayRequest(method, path, QueryParameters.parse(query)));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "support   | GET    | /api/search?q=%7B%20span.order.id%20%3D%20%221%22%20%7D&start=1&end=2&limit=20 | ALLOW",
      "support   | GET    | /api/search?q=%7B%20span.user.id%20%3D%20%221%22%20%7D                       | 403",
      "support   | GET    | /api/search?q=%7B%20span.order.id%20%3D%20%221%22%20%7D&tags=x               | 403",
      "support   | GET    | /api/search?tags=order.id%3D1                                                | 403",
      "support   | GET    | /api/search?q=%7B                                                            | 400",
      "support   | GET    | /api/traces/0123456789abcdef0123456789abcdef                                 | ALLOW_IF_ORDER_TRACE",
      "support   | GET    | /api/v2/traces/0123456789abcdef                                              | ALLOW_IF_ORDER_TRACE",
      "support   | GET    | /api/traces/not-hex                                                          | 403",
      "support   | GET    | /api/search/tags                                                             | 403",
      "support   | GET    | /api/v2/search/tags                                                          | 403",
      "support   | GET    | /api/v2/search/tag/span.order.stage/values                                   | ALLOW",
      "support   | GET    | /api/v2/search/tag/span.order.id/values                                      | 403",
      "support   | GET    | /api/v2/search/tag/span.order.stage/values?q=%7B%7D                           | 403",
      "support   | GET    | /api/echo                                                                    | ALLOW",
      "support   | GET    | /api/metrics/query_range?q=%7B%7D%20%7C%20rate()                             | 403",
      "support   | GET    | /ready                                                                       | 403",
      "developer | GET    | /api/search?q=%7B%20span.user.id%20%3D%20%221%22%20%7D                       | ALLOW",
      "developer | GET    | /api/search?q=%7D%7D%7D                                                      | 400",
      "developer | GET    | /api/search/tags                                                             | ALLOW",
      "developer | GET    | /api/v2/search/tag/resource.service.name/values                              | ALLOW",
      "developer | GET    | /api/v2/traces/0123456789abcdef                                              | ALLOW",
      "developer | GET    | /api/metrics/query_range?q=%7B%7D%20%7C%20rate()                             | ALLOW",
      "developer | GET    | /api/metrics/query_range                                                     | 400",
      "developer | GET    | /ready                                                                       | ALLOW",
      "developer | GET    | /api/echo                                                                    | ALLOW",
      "developer | GET    | /flush                                                                       | 403",
      "developer | GET    | /shutdown                                                                    | 403",
      "developer | GET    | /api/overrides                                                               | 403",
      "developer | GET    | /status/config                                                               | 403",
      "developer | GET    | /memberlist                                                                  | 403",
      "developer | GET    | /compactor/ring                                                              | 403",
      "developer | GET    | /ingester/shutdown                                                           | 403",
      "developer | GET    | /distributor/ring                                                            | 403",
      "developer | GET    | /metrics                                                                     | 403",
      "developer | GET    | /api/search/../../flush                                                      | 403",
      "developer | GET    | /api/search%2F..%2Fflush                                                     | 403",
      "developer | GET    | /                                                                            | 403",
      "developer | DELETE | /api/traces/0123456789abcdef                                                 | 403",
      "developer | POST   | /api/search                                                                  | 403",
      "developer | POST   | /flush                                                                       | 403",
      "developer | HEAD   | /api/search                                                                  | 403",
      "support   | DELETE | /api/traces/0123456789abcdef                                                 | 403",
      "support   | POST   | /api/overrides                                                               | 403",
  })
  void decides(String role, String method, String pathAndQuery, String expected) throws Exception {
    Decision decision = decide(role, method, pathAndQuery);
    String actual = decision.denied() ? String.valueOf(decision.status()) : decision.outcome().name();
    assertThat(actual).as(decision.reason()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void duplicateParametersAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> QueryParameters.parse("q=%7B%20span.order.id%20%3D%20%221%22%20%7D&q=%7B%7D"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("query parameter 'q' given more than once");
  }
}
