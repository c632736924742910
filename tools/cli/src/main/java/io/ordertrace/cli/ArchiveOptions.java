/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code find --archive}: where the collector's awss3exporter writes (P3). Defaults match
 * collector-config/otelcol-archive.yaml: prefix {@code traces}, partition {@code
 * year=%Y/month=%m/day=%d/hour=%H}, OTLP JSON, gzip.
 */
final class ArchiveOptions {

  static final String URL_ENV = "ORDERTRACE_ARCHIVE_URL";
  static final String BUCKET_ENV = "ORDERTRACE_ARCHIVE_BUCKET";
  static final String DEFAULT_PREFIX = "traces";
  static final String DEFAULT_PARTITION = "year=%Y/month=%m/day=%d/hour=%H";
  private static final String DEFAULT_PARTITION_ESCAPED = "year=%%Y/month=%%m/day=%%d/hour=%%H";

  @Option(names = "--archive", description = "read the order from the S3 archive instead of Jaeger")
  boolean enabled;

  @Option(
      names = "--archive-url",
      paramLabel = "URL",
      description =
          "S3 endpoint, path-style (default: $" + URL_ENV + ", else $ARCHIVE_S3_ENDPOINT)")
  String url;

  @Option(
      names = "--bucket",
      paramLabel = "NAME",
      description = "bucket (default: $" + BUCKET_ENV + ", else $ARCHIVE_S3_BUCKET)")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "s3_prefix of the exporter (default: " + DEFAULT_PREFIX + ")")
  String prefix;

  @Option(
      names = "--partition",
      paramLabel = "FORMAT",
      description =
          "s3_partition_format of the exporter (default: " + DEFAULT_PARTITION_ESCAPED + ")")
  String partition;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "signing region (default: $AWS_REGION, else us-east-1)")
  String region;

  ArchiveReader reader(Context context) {
    Map<String, String> env = context.env();
    String endpoint = first(url, env.get(URL_ENV), env.get("ARCHIVE_S3_ENDPOINT"));
    if (endpoint == null) {
      throw new CliException(
          ExitCodes.USAGE, "--archive needs the S3 endpoint: --archive-url URL or $" + URL_ENV);
    }
    URI uri = uri(endpoint);
    String bucketName = first(bucket, env.get(BUCKET_ENV), env.get("ARCHIVE_S3_BUCKET"));
    if (bucketName == null || !bucketName.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new CliException(
          ExitCodes.USAGE,
          bucketName == null
              ? "--archive needs the bucket: --bucket NAME or $" + BUCKET_ENV
              : "invalid --bucket: not an S3 bucket name");
    }
    String keyPrefix = prefix == null ? DEFAULT_PREFIX : prefix.strip().replaceAll("^/+|/+$", "");
    PartitionFormat format =
        PartitionFormat.parse(partition == null ? DEFAULT_PARTITION : partition.strip());
    String signingRegion = first(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
    SigV4.Credentials credentials = null;
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (keyId != null && !keyId.isBlank() && secret != null && !secret.isBlank()) {
      String token = env.get("AWS_SESSION_TOKEN");
      credentials =
          new SigV4.Credentials(
              keyId.strip(),
              secret.strip(),
              token == null || token.isBlank() ? null : token.strip());
    }
    S3Client s3 =
        new S3Client(
            uri,
            signingRegion == null ? "us-east-1" : signingRegion,
            credentials,
            Duration.ofSeconds(30),
            context.clock());
    return new ArchiveReader(s3, bucketName, keyPrefix, format, context.err());
  }

  /** Archive options without {@code --archive} are a mistake worth telling. */
  void checkUnused() {
    if (!enabled
        && (url != null
            || bucket != null
            || prefix != null
            || partition != null
            || region != null)) {
      throw new CliException(
          ExitCodes.USAGE,
          "--archive-url, --bucket, --prefix, --partition and --region need --archive");
    }
  }

  private static URI uri(String text) {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawQuery() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new CliException(
        ExitCodes.USAGE, "invalid --archive-url: expected http(s)://host[:port]");
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
