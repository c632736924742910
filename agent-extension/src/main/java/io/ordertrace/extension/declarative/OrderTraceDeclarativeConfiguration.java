/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.AttributeNameValueModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LogRecordProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LogRecordProcessorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.LoggerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.MeterProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.MetricReaderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalGeneralInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalHttpClientInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalHttpInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalHttpServerInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalLanguageSpecificInstrumentationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.internal.ExperimentalLanguageSpecificInstrumentationPropertyModel;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ordertrace.extension.config.ConfigErrors;
import io.ordertrace.extension.config.IdSource;
import io.ordertrace.extension.config.LoggingConfigErrors;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import io.ordertrace.extension.http.BodySizeExtractor;
import io.ordertrace.extension.http.CapturedHeaders;
import io.ordertrace.extension.redaction.RedactingLogRecordExporter;
import io.ordertrace.extension.redaction.RedactingMetricExporter;
import io.ordertrace.extension.redaction.RedactingSpanExporter;
import io.ordertrace.extension.redaction.Redactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires the extension into an SDK configured from a file ({@code otel.config.file}), where the
 * {@code otel.*} customizer of {@link io.ordertrace.extension.OrderTraceAutoConfiguration} never
 * runs. The {@code ordertrace.*} settings are read once, from the {@code
 * instrumentation/development: java: ordertrace:} node (keys without the {@code ordertrace.}
 * prefix; nested maps join with {@code .}), with system properties and environment variables for
 * keys the node leaves out. Then, in the model:
 *
 * <ul>
 *   <li>the {@code ordertrace} propagator is put last in the composite and {@code baggage} taken
 *       out; the {@code ordertrace} sampler is used when none is configured;
 *   <li>the {@code ordertrace} span and log record processors are put first, and every {@code
 *       batch} or {@code simple} span processor goes inside an {@code ordertrace_hold} processor,
 *       which holds ended spans until their local root knows the order id;
 *   <li>the response headers that {@code response-header:} order-id sources read are added to
 *       {@code instrumentation/development.general.http.server.response_captured_headers}, and
 *       {@code content-length} to the server's and the client's request and response captured
 *       headers, for the body sizes (D4, {@link BodySizeExtractor});
 *   <li>pull metric readers (Prometheus) are removed, with one line in the log: they hand out
 *       metrics without an exporter that could be redacted;
 * </ul>
 *
 * and the exporter of every signal is wrapped in the redactor. Each injected component is given the
 * same settings in its node, so every part of the SDK works from one configuration.
 */
@AutoService(DeclarativeConfigurationCustomizerProvider.class)
public final class OrderTraceDeclarativeConfiguration
    implements DeclarativeConfigurationCustomizerProvider {

  static final String NAME = "ordertrace";

  /** The span processor that holds spans for the order id in front of an export processor. */
  static final String HOLD_NAME = "ordertrace_hold";

  /** The component-node key under which the propagator gets the service name. */
  static final String SERVICE_NAME_KEY = "service.name";

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    Parts parts = new Parts();
    customizer.addModelCustomizer(model -> apply(model, parts));
    // the SDK closes the exporter it hands us once we return a wrapper: wrap a fresh copy
    customizer.addSpanExporterCustomizer(
        SpanExporter.class,
        (exporter, node) -> {
          SpanExporter delegate = FreshDelegate.recreate(SpanExporter.class, exporter, node);
          return RedactingSpanExporter.wrap(
              delegate != null ? delegate : Dropping.spans(), parts.redactor());
        });
    customizer.addLogRecordExporterCustomizer(
        LogRecordExporter.class,
        (exporter, node) -> {
          LogRecordExporter delegate =
              FreshDelegate.recreate(LogRecordExporter.class, exporter, node);
          return RedactingLogRecordExporter.wrap(
              delegate != null ? delegate : Dropping.logs(), parts.redactor());
        });
    customizer.addMetricExporterCustomizer(
        MetricExporter.class,
        (exporter, node) -> {
          MetricExporter delegate = FreshDelegate.recreate(MetricExporter.class, exporter, node);
          return RedactingMetricExporter.wrap(
              delegate != null ? delegate : Dropping.metrics(), parts.redactor());
        });
  }

  @Override
  public int order() {
    return Integer.MAX_VALUE - 1;
  }

  static OpenTelemetryConfigurationModel apply(OpenTelemetryConfigurationModel model, Parts parts) {
    Map<String, String> settings = settings(model);
    captureHeaders(model, parts.init(settings));
    Map<String, Object> node = new LinkedHashMap<>(settings);
    injectPropagator(model, node, serviceName(model));
    injectSampler(model, node);
    injectSpanProcessor(model, node);
    injectLogProcessor(model, node);
    refusePullReaders(model);
    return model;
  }

  /** {@code ordertrace.*} settings: the model's node first, then system properties and env. */
  static Map<String, String> settings(OpenTelemetryConfigurationModel model) {
    Map<String, String> settings = new LinkedHashMap<>();
    ExperimentalInstrumentationModel instrumentation = model.getInstrumentationDevelopment();
    ExperimentalLanguageSpecificInstrumentationModel java =
        instrumentation == null ? null : instrumentation.getJava();
    ExperimentalLanguageSpecificInstrumentationPropertyModel ours =
        java == null ? null : java.getAdditionalProperties().get(NAME);
    if (ours != null) {
      flatten(NAME, ours.getAdditionalProperties(), settings);
    }
    for (String property : io.ordertrace.extension.config.KnownProperties.NAMES) {
      if (!settings.containsKey(property)) {
        String value = System.getProperty(property);
        if (value == null) {
          value = System.getenv(PropertySource.toEnvName(property));
        }
        if (value != null) {
          settings.put(property, value);
        }
      }
    }
    return settings;
  }

  private static void flatten(String prefix, Map<String, Object> map, Map<String, String> out) {
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String key = prefix + '.' + entry.getKey();
      Object value = entry.getValue();
      if (value instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) value;
        flatten(key, nested, out);
      } else if (value instanceof List) {
        StringBuilder joined = new StringBuilder();
        for (Object item : (List<?>) value) {
          if (joined.length() > 0) {
            joined.append(',');
          }
          joined.append(item);
        }
        out.put(key, joined.toString());
      } else if (value != null) {
        out.put(key, String.valueOf(value));
      }
    }
  }

  private static String serviceName(OpenTelemetryConfigurationModel model) {
    if (model.getResource() != null && model.getResource().getAttributes() != null) {
      for (AttributeNameValueModel attribute : model.getResource().getAttributes()) {
        if ("service.name".equals(attribute.getName()) && attribute.getValue() != null) {
          return String.valueOf(attribute.getValue());
        }
      }
    }
    String name = System.getProperty("otel.service.name");
    if (name == null) {
      name = System.getenv("OTEL_SERVICE_NAME");
    }
    return name == null || name.trim().isEmpty() ? "unknown_service:java" : name.trim();
  }

  private static void injectPropagator(
      OpenTelemetryConfigurationModel model, Map<String, Object> node, String serviceName) {
    PropagatorModel propagator = model.getPropagator();
    if (propagator == null) {
      propagator = new PropagatorModel();
      model.withPropagator(propagator);
    }
    List<TextMapPropagatorModel> composite =
        propagator.getComposite() == null
            ? new ArrayList<>()
            : new ArrayList<>(propagator.getComposite());
    boolean hasTraceContext = false;
    for (Iterator<TextMapPropagatorModel> it = composite.iterator(); it.hasNext(); ) {
      TextMapPropagatorModel entry = it.next();
      // the stock baggage propagator would forward every entry to every host
      if (entry.getBaggage() != null || entry.getAdditionalProperties().containsKey(NAME)) {
        it.remove();
      }
      hasTraceContext |= entry.getTracecontext() != null;
    }
    String list = propagator.getCompositeList();
    if (list != null) {
      List<String> kept = new ArrayList<>();
      for (String name : list.split(",", -1)) {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty() && !trimmed.equals("baggage") && !trimmed.equals(NAME)) {
          kept.add(trimmed);
          hasTraceContext |= trimmed.equals("tracecontext");
        }
      }
      propagator.withCompositeList(String.join(",", kept));
    }
    if (!hasTraceContext) {
      composite.add(
          new TextMapPropagatorModel()
              .withTracecontext(
                  new io.opentelemetry.sdk.autoconfigure.declarativeconfig.model
                      .TraceContextPropagatorModel()));
    }
    TextMapPropagatorPropertyModel ours = new TextMapPropagatorPropertyModel();
    node.forEach(ours::withAdditionalProperty);
    ours.withAdditionalProperty(SERVICE_NAME_KEY, serviceName);
    // last: it must see (and at the edge, detach) what tracecontext extracted
    composite.add(new TextMapPropagatorModel().withAdditionalProperty(NAME, ours));
    propagator.withComposite(composite);
  }

  private static void injectSampler(
      OpenTelemetryConfigurationModel model, Map<String, Object> node) {
    TracerProviderModel tracing = model.getTracerProvider();
    if (tracing == null || tracing.getSampler() != null) {
      return; // a sampler the user chose stays
    }
    SamplerPropertyModel ours = new SamplerPropertyModel();
    node.forEach(ours::withAdditionalProperty);
    tracing.withSampler(new SamplerModel().withAdditionalProperty(NAME, ours));
  }

  private static void injectSpanProcessor(
      OpenTelemetryConfigurationModel model, Map<String, Object> node) {
    TracerProviderModel tracing = model.getTracerProvider();
    if (tracing == null) {
      return;
    }
    List<SpanProcessorModel> processors =
        tracing.getProcessors() == null
            ? new ArrayList<>()
            : new ArrayList<>(tracing.getProcessors());
    processors.removeIf(p -> p.getAdditionalProperties().containsKey(NAME));
    for (int i = 0; i < processors.size(); i++) {
      processors.set(i, holding(processors.get(i), node));
    }
    SpanProcessorPropertyModel ours = new SpanProcessorPropertyModel();
    node.forEach(ours::withAdditionalProperty);
    processors.add(0, new SpanProcessorModel().withAdditionalProperty(NAME, ours));
    tracing.withProcessors(processors);
  }

  /**
   * A {@code batch} or {@code simple} processor, moved inside an {@code ordertrace_hold} one with
   * the settings; an {@code ordertrace_hold} the file names gets the settings; others stay.
   */
  private static SpanProcessorModel holding(
      SpanProcessorModel processor, Map<String, Object> node) {
    SpanProcessorPropertyModel hold = processor.getAdditionalProperties().get(HOLD_NAME);
    if (hold == null) {
      if (processor.getBatch() != null) {
        hold =
            new SpanProcessorPropertyModel().withAdditionalProperty("batch", processor.getBatch());
      } else if (processor.getSimple() != null) {
        hold =
            new SpanProcessorPropertyModel()
                .withAdditionalProperty("simple", processor.getSimple());
      } else {
        return processor;
      }
    }
    node.forEach(hold::withAdditionalProperty);
    return new SpanProcessorModel().withAdditionalProperty(HOLD_NAME, hold);
  }

  private static void injectLogProcessor(
      OpenTelemetryConfigurationModel model, Map<String, Object> node) {
    LoggerProviderModel logging = model.getLoggerProvider();
    if (logging == null) {
      return;
    }
    List<LogRecordProcessorModel> processors =
        logging.getProcessors() == null
            ? new ArrayList<>()
            : new ArrayList<>(logging.getProcessors());
    processors.removeIf(p -> p.getAdditionalProperties().containsKey(NAME));
    LogRecordProcessorPropertyModel ours = new LogRecordProcessorPropertyModel();
    node.forEach(ours::withAdditionalProperty);
    // first: the exporting processor copies the record when it is emitted
    processors.add(0, new LogRecordProcessorModel().withAdditionalProperty(NAME, ours));
    logging.withProcessors(processors);
  }

  /**
   * The HTTP instrumentation must capture the headers {@code response-header:} sources read (the
   * new order's id in the creating request's response) and {@code Content-Length} (body sizes), as
   * {@code AgentDefaults} makes it on the {@code otel.*} path.
   */
  private static void captureHeaders(
      OpenTelemetryConfigurationModel model, OrderTraceConfig config) {
    List<String> wanted = new ArrayList<>();
    for (IdSource source : config.orderIdSources()) {
      if (source.kind() == IdSource.Kind.RESPONSE_HEADER) {
        wanted.add(source.name());
      }
    }
    wanted.add(BodySizeExtractor.HEADER);
    ExperimentalInstrumentationModel instrumentation = model.getInstrumentationDevelopment();
    if (instrumentation == null) {
      instrumentation = new ExperimentalInstrumentationModel();
      model.withInstrumentationDevelopment(instrumentation);
    }
    ExperimentalGeneralInstrumentationModel general = instrumentation.getGeneral();
    if (general == null) {
      general = new ExperimentalGeneralInstrumentationModel();
      instrumentation.withGeneral(general);
    }
    ExperimentalHttpInstrumentationModel http = general.getHttp();
    if (http == null) {
      http = new ExperimentalHttpInstrumentationModel();
      general.withHttp(http);
    }
    ExperimentalHttpServerInstrumentationModel server = http.getServer();
    if (server == null) {
      server = new ExperimentalHttpServerInstrumentationModel();
      http.withServer(server);
    }
    ExperimentalHttpClientInstrumentationModel client = http.getClient();
    if (client == null) {
      client = new ExperimentalHttpClientInstrumentationModel();
      http.withClient(client);
    }
    List<String> contentLength = Collections.singletonList(BodySizeExtractor.HEADER);
    server.withResponseCapturedHeaders(
        CapturedHeaders.with(server.getResponseCapturedHeaders(), wanted));
    server.withRequestCapturedHeaders(
        CapturedHeaders.with(server.getRequestCapturedHeaders(), contentLength));
    client.withRequestCapturedHeaders(
        CapturedHeaders.with(client.getRequestCapturedHeaders(), contentLength));
    client.withResponseCapturedHeaders(
        CapturedHeaders.with(client.getResponseCapturedHeaders(), contentLength));
  }

  private static void refusePullReaders(OpenTelemetryConfigurationModel model) {
    MeterProviderModel metrics = model.getMeterProvider();
    if (metrics == null || metrics.getReaders() == null) {
      return;
    }
    List<MetricReaderModel> readers = new ArrayList<>(metrics.getReaders());
    if (readers.removeIf(reader -> reader.getPull() != null)) {
      logger.log(
          Level.WARNING,
          "ordertrace: pull metric readers (meter_provider.readers[].pull) expose metrics without"
              + " an exporter that can be redacted; they are removed. Use a periodic reader with"
              + " an OTLP exporter (the collector can serve Prometheus).");
      metrics.withReaders(readers);
    }
  }

  /** The configuration and redactor of one SDK, set by the model customizer. */
  static final class Parts {
    private final Object lock = new Object();
    private OrderTraceConfig config;
    private Redactor redactor;

    OrderTraceConfig init(Map<String, String> settings) {
      synchronized (lock) {
        if (config == null) {
          ConfigErrors errors = new LoggingConfigErrors();
          io.ordertrace.extension.config.KnownProperties.reportUnknownKeys(
              settings.keySet(), errors);
          config = OrderTraceConfig.parse(PropertySource.of(settings), errors);
          redactor = Redactor.create(config.redaction());
        }
        return config;
      }
    }

    Redactor redactor() {
      synchronized (lock) {
        if (redactor == null) {
          // the model customizer always runs first; never export unredacted if it did not
          init(new LinkedHashMap<>());
        }
        return redactor;
      }
    }
  }
}
