package io.ordertrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  @SuppressWarnings("unchecked")
  void parsesValues() {
    Object parsed =
        Json.parse(" {\"a\": [1, -2.5e1, true, false, null, \"x\\\"\\u00e9\\n\"], \"b\": {}, \"n\": 1795406330965681803} ");

    assertThat((List<Object>) Json.list(parsed, "a")).containsExactly(1L, -25.0, true, false, null, "x\"é\n");
    assertThat(Json.get(parsed, "b")).isEqualTo(Map.of());
    assertThat(Json.number(parsed, "n", 0)).isEqualTo(1795406330965681803L);
    assertThat(Json.string(parsed, "n")).isEqualTo("1795406330965681803");
    assertThat(Json.get(parsed, "missing")).isNull();
    assertThat(Json.list(parsed, "b")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "{} x", "404 page not found", "\"\\x\""})
  void refusesMalformed(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesWhatItReads() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "a\"b\\c\n\u0001");
    value.put("l", List.of(1, 2.5, true));
    value.put("n", null);
    value.put("e", List.of());

    String written = JsonWriter.write(value);

    assertThat(Json.parse(written))
        .isEqualTo(Json.parse("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"l\":[1,2.5,true],\"n\":null,\"e\":[]}"));
  }
}
