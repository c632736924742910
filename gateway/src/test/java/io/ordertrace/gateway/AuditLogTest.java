/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One request, one line, whatever the caller put in its user name, path or parameters. */
class AuditLogTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\n",
        "\r",
        "\u0000",
        "\u001b[31m",
        "\u007f",
        "\u0085",
        "\u009b",
        "\u2028",
        "\u2029"
      })
  void everyControlCharacterAndLineSeparatorIsEscaped(String evil) throws Exception {
    AuditEntry entry = new AuditEntry();
    entry.user = "eve" + evil + "admin";
    entry.path = "/api/traces" + evil;
    entry.query = Map.of("service" + evil, "x" + evil);
    entry.reason = evil;

    String line = AuditLog.toJson(entry);

    assertThat(line).doesNotContain(evil);
    assertThat(line.chars())
        .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
    JsonNode parsed = new ObjectMapper().readTree(line);
    assertThat(parsed.get("user").asText()).isEqualTo("eve" + evil + "admin");
  }

  @Test
  void utf8StaysReadableAndLongFieldsAreCut() throws Exception {
    AuditEntry entry = new AuditEntry();
    entry.user = "zoë.ångström";
    entry.reason = "x".repeat(5000);

    String line = AuditLog.toJson(entry);

    assertThat(line).contains("\"user\":\"zoë.ångström\"");
    assertThat(line.length()).isLessThan(AuditEntry.MAX_FIELD + 500);
  }

  @Test
  void anUnauthenticatedCallerLeavesOnlyAShortPrefix() {
    AuditEntry entry = new AuditEntry();
    entry.user = "mallory";
    entry.role = "developer";
    entry.method = "GET".repeat(50);
    entry.path = "/api/" + "a".repeat(5000);
    entry.query = Map.of("q", "secret-looking input");

    entry.unauthenticated();
    String line = AuditLog.toJson(entry);

    assertThat(line)
        .doesNotContain("mallory")
        .doesNotContain("secret-looking")
        .doesNotContain("a".repeat(100));
    assertThat(entry.path).hasSize(AuditEntry.UNAUTHENTICATED_PREFIX + "...(truncated)".length());
  }

  @Test
  void theFileIsCreatedReadableByItsOwnerOnlyAndAppendedTo() throws Exception {
    Path file = dir.resolve("audit.log");
    for (int i = 0; i < 2; i++) {
      try (AuditLog log = AuditLog.toFile(file)) {
        AuditEntry entry = new AuditEntry();
        entry.reason = "run " + i;
        log.write(entry);
      }
    }

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(AuditLog.widePermissionsWarning(file)).isNull();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(AuditLog.widePermissionsWarning(file)).contains("readable by group or others");
  }
}
