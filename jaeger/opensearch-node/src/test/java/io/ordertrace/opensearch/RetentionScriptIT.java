/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrace.testing.Command;
import io.ordertrace.testing.JaegerProcess;
import io.ordertrace.testing.OpenSearchNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jaeger/opensearch/retention.sh against a real node. The node has no ISM plugin (it is not on
 * Maven Central), so the ISM policies are sent only by the dry run here; the templates, aliases and
 * first indices of rollover mode, and a rollover through them, are real.
 */
class RetentionScriptIT {

  private static final Path REPO =
      Paths.get(System.getProperty("ordertrace.repo.root", "../..")).toAbsolutePath();
  private static final Path WORK =
      Paths.get(System.getProperty("ordertrace.it.workdir", "target/it"));
  private static final Path SCRIPT = REPO.resolve("jaeger/opensearch/retention.sh");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static OpenSearchNode node;

  @BeforeAll
  static void startNode() throws Exception {
    node = OpenSearchNode.start(REPO, WORK.resolve("retention"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  record Run(int exit, String out, String err) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--mode daily                        | --url is required (see --help)",
        "--url ftp://x:1                     | --url 'ftp://x:1': expected http(s)://host:port",
        "--url URL --mode weekly             | --mode 'weekly': expected daily or rollover",
        "--url URL --retention 14            | --retention '14': expected days, e.g. 14d",
        "--url URL --prefix Bad/Prefix       | --prefix 'Bad/Prefix': lower-case letters, digits, '_' and '-'",
        "--url URL --replicas x              | --replicas 'x': expected 0-99",
        "--url URL --mode daily --without-ism| --mode daily deletes indices through ISM only",
        "--url URL --frobnicate              | unknown argument '--frobnicate' (see --help)",
      })
  void badArgumentsAreOneLineAndExit2BeforeAnyRequest(String args, String message)
      throws Exception {
    String indicesBefore = node.get("/_cat/indices?h=index&s=index").body();

    Run run = run(args.replace("URL", node.url()).split(" "));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("retention.sh: " + message);
    assertThat(node.get("/_cat/indices?h=index&s=index").body()).isEqualTo(indicesBefore);
  }

  @Test
  void withoutIsmTheScriptSaysSoInsteadOfHalfDoingIt() throws Exception {
    Run run = run("--url", node.url(), "--mode", "rollover", "--prefix", "noism");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("has no ISM plugin").contains("--without-ism");
    assertThat(node.get("/_cat/indices/noism-*?h=index").body()).isBlank();
  }

  @Test
  void dryRunPrintsThePolicyWithThisRunsPrefixAndRetentionAndSendsNothing() throws Exception {
    Run run =
        run(
            "--url",
            node.url(),
            "--mode",
            "rollover",
            "--prefix",
            "dry",
            "--retention",
            "30d",
            "--dry-run");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("PUT " + node.url() + "/_plugins/_ism/policies/dry-jaeger-rollover-retention")
        .contains("\"min_rollover_age\": \"30d\"")
        .contains("\"dry-jaeger-span-0*\"")
        .doesNotContain("ordertrace-jaeger-")
        .contains("dry run: nothing was sent");
    assertThat(node.get("/_cat/indices/dry-*?h=index").body()).isBlank();
    assertThat(node.get("/_template/dry-*").body()).isEqualTo("{}");
  }

  @Test
  void rolloverModeSetsUpAliasesThatSurviveARolloverAndIsIdempotent() throws Exception {
    String jaeger = JaegerProcess.binary(REPO).toString();
    Run first = runRollWithoutIsm("--jaeger", jaeger);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("put template roll-jaeger-span (Jaeger's mappings)")
        .contains("created roll-jaeger-span-000001 behind roll-jaeger-span-write")
        .contains("created roll-jaeger-service-000001 behind roll-jaeger-service-write");

    // Jaeger's mappings are on the first index (nested tags), not dynamic ones
    assertThat(node.get("/roll-jaeger-span-000001/_mapping").body())
        .contains("\"tags\":{\"type\":\"nested\"");

    // a write through the write alias, a rollover (what ISM does), and a second write
    assertThat(writeThroughAlias("{\"traceID\":\"a1\"}")).isEqualTo(201);
    HttpResponse<String> rollover = send("POST", "/roll-jaeger-span-write/_rollover", "");
    assertThat(rollover.body())
        .contains("\"rolled_over\":true")
        .contains("roll-jaeger-span-000002");
    assertThat(writeThroughAlias("{\"traceID\":\"b2\"}")).isEqualTo(201);

    // the new index took the write alias and, by the template, the read alias: reads see both
    assertThat(writeIndex()).isEqualTo("roll-jaeger-span-000002");
    assertThat(
            node.get("/_cat/aliases/roll-jaeger-span-read?h=index&s=index")
                .body()
                .lines()
                .map(String::strip))
        .containsExactly("roll-jaeger-span-000001", "roll-jaeger-span-000002");
    assertThat(node.get("/roll-jaeger-span-read/_count").body()).contains("\"count\":2");

    // running it again changes nothing and says so
    Run again = runRollWithoutIsm();
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("template roll-jaeger-span exists: kept")
        .contains("alias roll-jaeger-span-write exists: kept");
    assertThat(writeIndex()).isEqualTo("roll-jaeger-span-000002");
  }

  /**
   * The index the write alias writes to (after a rollover the alias stays on the old index, not as
   * its write index).
   */
  private static String writeIndex() throws Exception {
    return node.get("/_cat/aliases/roll-jaeger-span-write?h=index,is_write_index")
        .body()
        .lines()
        .map(String::strip)
        .filter(line -> line.endsWith(" true"))
        .map(line -> line.split(" ", -1)[0])
        .reduce((a, b) -> a + "," + b)
        .orElse("none");
  }

  /** The script in rollover mode without ISM, prefix "roll", no replicas, plus {@code extra}. */
  private static Run runRollWithoutIsm(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--url",
                node.url(),
                "--mode",
                "rollover",
                "--without-ism",
                "--prefix",
                "roll",
                "--replicas",
                "0"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  /** Indexes {@code json} through roll's write alias (refreshed); the HTTP status. */
  private static int writeThroughAlias(String json) throws Exception {
    return send("POST", "/roll-jaeger-span-write/_doc?refresh=true", json).statusCode();
  }

  private static HttpResponse<String> send(String method, String path, String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Run run(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    Command.Result result = Command.run(command, Duration.ofSeconds(60));
    return new Run(result.exitCode(), result.out(), result.err());
  }
}
