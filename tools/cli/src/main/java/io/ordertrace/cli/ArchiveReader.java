/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;

/**
 * Reads an order back from the S3 archive the collector's awss3exporter writes (P3): objects {@code
 * <prefix>/<partition>/traces_<n>.json.gz} (OTLP JSON, gzip). Lists the objects of every day of the
 * window (one more day each side: the exporter partitions by upload time, in its own time zone),
 * fetches and decompresses them a few at a time, and keeps the spans whose {@code order.id} is the
 * order's and whose start is in the window.
 */
final class ArchiveReader {

  /** Objects fetched at once. */
  private static final int CONCURRENCY = 4;

  /** A decompressed object larger than this is skipped with a warning (a safety limit). */
  private static final long MAX_OBJECT_BYTES = 512L * 1024 * 1024;

  private static final int PROGRESS_THRESHOLD = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final PartitionFormat partition;
  private final PrintStream progress;
  private final List<String> warnings = new ArrayList<>();

  ArchiveReader(
      S3Client s3, String bucket, String prefix, PartitionFormat partition, PrintStream progress) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partition = partition;
    this.progress = progress;
  }

  /** The order's traces in Jaeger JSON, oldest first. */
  List<JsonNode> find(String orderId, TimeWindow window, @Nullable String service) {
    List<String> keys = new ArrayList<>();
    for (String dayPrefix : dayPrefixes(window)) {
      for (String key : s3.list(bucket, dayPrefix)) {
        if (key.endsWith(".json") || key.endsWith(".json.gz")) {
          keys.add(key);
        }
      }
    }
    if (keys.size() > PROGRESS_THRESHOLD) {
      progress.println(
          "ordertrace: reading " + keys.size() + " archive objects from " + describe());
    }
    long from = window.from().toEpochMilli() * 1_000_000;
    long to = window.to().toEpochMilli() * 1_000_000;
    Predicate<JsonNode> ofOrder = OtlpJson.attributeEquals("order.id", orderId);
    OtlpJson traces =
        new OtlpJson(
            span -> {
              if (!ofOrder.test(span)) {
                return false;
              }
              long start = span.path("startTimeUnixNano").asLong(0);
              return start >= from && start <= to;
            });
    for (byte[] object : fetchAll(keys)) {
      if (object != null) {
        parseInto(object, traces);
      }
    }
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode trace : traces.traces()) {
      if (service == null || hasService(trace, service)) {
        result.add(trace);
      }
    }
    return result;
  }

  List<String> warnings() {
    return warnings;
  }

  /** {@code s3://bucket/prefix at http://endpoint}. */
  String describe() {
    return "s3://" + bucket + "/" + prefix + " at " + s3.describe();
  }

  private List<String> dayPrefixes(TimeWindow window) {
    String root = prefix.isEmpty() ? "" : prefix + "/";
    if (!partition.hasDays()) {
      return List.of(root);
    }
    List<String> prefixes = new ArrayList<>();
    LocalDate first = window.from().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate last = window.to().plus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      prefixes.add(root + partition.dayPrefix(day));
    }
    return prefixes;
  }

  private List<byte[]> fetchAll(List<String> keys) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            CONCURRENCY,
            runnable -> {
              Thread thread = new Thread(runnable, "archive-read");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(pool.submit(() -> s3.object(bucket, key)));
      }
      List<byte[]> objects = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        objects.add(decompress(keys.get(i), futures.get(i).get()));
      }
      return objects;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.STORE_UNREACHABLE, "interrupted while reading the archive");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The object's JSON bytes: gunzipped when it starts with gzip's magic bytes. */
  @Nullable
  private byte[] decompress(String key, byte[] bytes) {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_OBJECT_BYTES + 1));
      if (data.length > MAX_OBJECT_BYTES) {
        warnings.add(
            "skipped archive object "
                + key
                + ": larger than "
                + (MAX_OBJECT_BYTES >> 20)
                + " MiB decompressed");
        return null;
      }
      return data;
    } catch (IOException e) {
      warnings.add(
          "skipped archive object "
              + key
              + ": not valid gzip ("
              + e.getClass().getSimpleName()
              + ")");
      return null;
    }
  }

  private void parseInto(byte[] object, OtlpJson traces) {
    try (MappingIterator<JsonNode> documents = JSON.readerFor(JsonNode.class).readValues(object)) {
      while (documents.hasNextValue()) {
        traces.add(documents.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      warnings.add(
          "skipped part of an archive object that is not OTLP JSON ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static boolean hasService(JsonNode trace, String service) {
    for (JsonNode process : trace.path("processes")) {
      if (service.equals(process.path("serviceName").asText())) {
        return true;
      }
    }
    return false;
  }
}
