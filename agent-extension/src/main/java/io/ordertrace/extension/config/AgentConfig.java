package io.ordertrace.extension.config;

/**
 * The configuration of this JVM, parsed once from system properties and environment variables on
 * first use and shared by every hook the agent loads (sampler, propagator, customizers, exporter).
 * Mistakes are reported once, to the agent's log.
 */
public final class AgentConfig {

  /** Lazily initialised by the class loader: thread-safe, and parsed exactly once. */
  private static final class Holder {
    static final OrderTraceConfig CONFIG =
        OrderTraceConfig.parse(PropertySource.system(), new LoggingConfigErrors());
  }

  public static OrderTraceConfig get() {
    return Holder.CONFIG;
  }

  private AgentConfig() {}
}
