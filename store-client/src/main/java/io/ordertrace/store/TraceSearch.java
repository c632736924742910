/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A trace search as Jaeger's {@code /api/traces} takes it. Without a service, {@link
 * JaegerQueryClient#findTraces} asks every service the store knows.
 */
public final class TraceSearch {

  /** Jaeger's duration syntax: a number and a Go unit, e.g. {@code 1.5s}, {@code 300ms}. */
  private static final Pattern DURATION = Pattern.compile("[0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h)");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Nullable private final String service;
  @Nullable private final String operation;
  private final Map<String, String> tags;
  @Nullable private final Instant start;
  @Nullable private final Instant end;
  private final int limit;
  @Nullable private final String minDuration;
  @Nullable private final String maxDuration;

  private TraceSearch(Builder builder) {
    this.service = builder.service;
    this.operation = builder.operation;
    this.tags = Map.copyOf(builder.tags);
    this.start = builder.start;
    this.end = builder.end;
    this.limit = builder.limit;
    this.minDuration = builder.minDuration;
    this.maxDuration = builder.maxDuration;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The service to search, or {@code null} for every service. */
  @Nullable
  public String service() {
    return service;
  }

  @Nullable
  public String operation() {
    return operation;
  }

  /** Span tags every matching trace must have on one span. */
  public Map<String, String> tags() {
    return tags;
  }

  @Nullable
  public Instant start() {
    return start;
  }

  @Nullable
  public Instant end() {
    return end;
  }

  /** At most this many traces per service (0: the store's default). */
  public int limit() {
    return limit;
  }

  /**
   * The query parameters for {@code /api/traces} asking {@code service}, in a stable order,
   * unencoded: {@code service}, {@code operation}, {@code tags} (a JSON object), {@code start} and
   * {@code end} (microseconds since the epoch), {@code limit}, {@code minDuration}, {@code
   * maxDuration}.
   */
  public Map<String, String> toQueryParameters(String service) {
    Objects.requireNonNull(service, "service");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("service", service);
    if (operation != null) {
      parameters.put("operation", operation);
    }
    if (!tags.isEmpty()) {
      ObjectNode object = JSON.createObjectNode();
      tags.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(tag -> object.put(tag.getKey(), tag.getValue()));
      parameters.put("tags", object.toString());
    }
    if (start != null) {
      parameters.put("start", Long.toString(micros(start)));
    }
    if (end != null) {
      parameters.put("end", Long.toString(micros(end)));
    }
    if (limit > 0) {
      parameters.put("limit", Integer.toString(limit));
    }
    if (minDuration != null) {
      parameters.put("minDuration", minDuration);
    }
    if (maxDuration != null) {
      parameters.put("maxDuration", maxDuration);
    }
    return parameters;
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** Builds a {@link TraceSearch}; every setting is optional. */
  public static final class Builder {
    @Nullable private String service;
    @Nullable private String operation;
    private final Map<String, String> tags = new LinkedHashMap<>();
    @Nullable private Instant start;
    @Nullable private Instant end;
    private int limit;
    @Nullable private String minDuration;
    @Nullable private String maxDuration;

    private Builder() {}

    public Builder service(@Nullable String service) {
      this.service = blankToNull(service);
      return this;
    }

    public Builder operation(@Nullable String operation) {
      this.operation = blankToNull(operation);
      return this;
    }

    public Builder tag(String key, String value) {
      if (key.isEmpty()) {
        throw new IllegalArgumentException("tag key must not be empty");
      }
      tags.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder start(@Nullable Instant start) {
      this.start = start;
      return this;
    }

    public Builder end(@Nullable Instant end) {
      this.end = end;
      return this;
    }

    /** At most {@code limit} traces per service; 0 leaves it to the store. */
    public Builder limit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** E.g. {@code 100ms}, {@code 1.5s}. */
    public Builder minDuration(@Nullable String minDuration) {
      this.minDuration = duration("minDuration", minDuration);
      return this;
    }

    public Builder maxDuration(@Nullable String maxDuration) {
      this.maxDuration = duration("maxDuration", maxDuration);
      return this;
    }

    public TraceSearch build() {
      if (start != null && end != null && end.isBefore(start)) {
        throw new IllegalArgumentException("end " + end + " is before start " + start);
      }
      return new TraceSearch(this);
    }

    @Nullable
    private static String duration(String name, @Nullable String value) {
      String text = blankToNull(value);
      if (text != null && !DURATION.matcher(text).matches()) {
        throw new IllegalArgumentException(
            name + " '" + text + "' is not a duration such as 300ms, 1.5s or 2m");
      }
      return text;
    }

    @Nullable
    private static String blankToNull(@Nullable String text) {
      return text == null || text.isBlank() ? null : text.strip();
    }
  }
}
