/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.demo;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.ordertrace.testing.ManagedProcess;
import io.ordertrace.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Launches the demo services as separate JVMs (from their jars, as in production), on free loopback
 * ports, waits until each is healthy, and stops them on {@link #close()}. Each service is a
 * test-support {@link ManagedProcess}.
 *
 * <p>Everything about how a service starts (jar, health path, JVM flags, settings) comes from
 * {@code deploy/local/services.env}, like the scripts. Each service's stdout/stderr goes to {@code
 * <workDir>/<service>.log}.
 *
 * <p>Reuse for tracing tests: pass agent flags with {@link Builder#tracedJvmArgs(List)} (applied to
 * the services that have an {@code <ID>_OTEL_NAME}, i.e. not the external payment stub) or {@link
 * Builder#jvmArgs(Function)} for full control, and settings such as {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} with {@link Builder#env(String, String)}.
 *
 * <p>Needs PostgreSQL and RabbitMQ from {@code deploy/local/infra.sh start}. By default each stack
 * uses its own RabbitMQ exchange and queues (deleted on close), so runs never see each other's
 * messages; {@link Builder#isolatedMessaging(boolean)} turns that off.
 */
public final class DemoStack implements AutoCloseable {
  /** One running service. */
  public record Service(
      String name, String id, int port, String healthPath, String otelName, Path logFile) {
    public String url() {
      return "http://127.0.0.1:" + port;
    }

    /** True for the services traced in the demo (all but the external payment stub). */
    public boolean traced() {
      return otelName != null && !otelName.isBlank();
    }
  }

  private static final List<String> INFRA_KEYS_FROM_ENV =
      List.of(
          "RABBITMQ_HOST",
          "RABBITMQ_PORT",
          "RABBITMQ_VHOST",
          "RABBITMQ_USER",
          "RABBITMQ_PASSWORD",
          "POSTGRES_HOST",
          "POSTGRES_PORT",
          "CRM_DB_URL",
          "CRM_DB_USER",
          "CRM_DB_PASSWORD",
          "MES_DB_URL",
          "MES_DB_USER",
          "MES_DB_PASSWORD");

  private final Builder config;
  private final Map<String, String> settings;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();

  private DemoStack(Builder config, Map<String, String> settings) {
    this.config = config;
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings for a stack; {@link #start()} launches it. */
  public static final class Builder {
    private Path repoRoot;
    private Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceEnv = new HashMap<>();
    private Function<Service, List<String>> jvmArgs = s -> List.of();
    private List<String> only;
    private Duration startTimeout = Duration.ofMinutes(2);
    private boolean isolatedMessaging = true;
    private String name = "stack";

    /**
     * Repository root (holds deploy/local/services.env); default: {@link RepositoryRoot#find()}.
     */
    public Builder repoRoot(Path p) {
      this.repoRoot = p;
      return this;
    }

    /**
     * Where logs, the hosts file and file-store data go; default {@code target/e2e/<name>-<time>}.
     */
    public Builder workDir(Path p) {
      this.workDir = p;
      return this;
    }

    /** A short name for the work directory, e.g. the test class. */
    public Builder name(String n) {
      this.name = n;
      return this;
    }

    /**
     * A setting for every service (overrides services.env), e.g. a fault regex or OTLP endpoint.
     */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /**
     * Every fault on, keyed on the last digit of the order id, so that ten consecutive orders meet
     * each once: 1 CRM fails the approval, 2 MES nacks (requeue, then dead letter), 3 MES drops, 4
     * MES DB statement timeout, 5 slow calculation ({@code slowMillis}), 6 MES acks and silently
     * drops (no exception, no log line); 0 and 7-9 run clean.
     */
    public Builder faultsByLastDigit(int slowMillis) {
      return env("CRM_FAIL_ORDER_IDS", "\\d*1")
          .env("MES_NACK_ORDER_IDS", "\\d*2")
          .env("MES_DROP_ORDER_IDS", "\\d*3")
          .env("MES_DB_TIMEOUT_ORDER_IDS", "\\d*4")
          .env("CALC_SLOW_ORDER_IDS", "\\d*5")
          .env("MES_SILENT_DROP_ORDER_IDS", "\\d*6")
          .env("CALC_SLOW_MS", Integer.toString(slowMillis));
    }

    /** A setting for one service only. */
    public Builder env(String service, String key, String value) {
      serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** Extra JVM flags per service (added after the flags from services.env). */
    public Builder jvmArgs(Function<Service, List<String>> f) {
      this.jvmArgs = f;
      return this;
    }

    /** Extra JVM flags (e.g. -javaagent:...) for the traced services only. */
    public Builder tracedJvmArgs(List<String> args) {
      List<String> copy = List.copyOf(args);
      this.jvmArgs = s -> s.traced() ? copy : List.of();
      return this;
    }

    /** Start only these services (default: all of DEMO_SERVICES). */
    public Builder only(String... serviceNames) {
      this.only = Arrays.asList(serviceNames);
      return this;
    }

    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    /** Own RabbitMQ exchange/queues for this stack (default true). */
    public Builder isolatedMessaging(boolean b) {
      this.isolatedMessaging = b;
      return this;
    }

    public DemoStack start() {
      Path root = repoRoot != null ? repoRoot : RepositoryRoot.find();
      Path envFile = root.resolve("deploy/local/services.env");
      ServicesEnv file = ServicesEnv.load(envFile);
      String runId = Long.toString(System.currentTimeMillis(), 36);
      Path dir =
          workDir != null
              ? workDir
              : Path.of(
                      System.getProperty(
                          "ordertrace.e2e.workdir", root.resolve("e2e/target/e2e").toString()))
                  .resolve(name + "-" + runId);

      Map<String, String> overrides = new LinkedHashMap<>();
      for (String k : INFRA_KEYS_FROM_ENV) {
        String v = System.getenv(k);
        if (v != null && !v.isBlank()) {
          overrides.put(k, v);
        }
      }
      // Free ports for every service, so a running demo or other tests do not collide.
      Map<String, String> probe = file.resolve(Map.of());
      for (String svc : file.services(probe)) {
        overrides.put(ServicesEnv.id(svc) + "_PORT", Integer.toString(ManagedProcess.freePort()));
      }
      if (isolatedMessaging) {
        overrides.put("ORDERS_EXCHANGE", "orders.e2e-" + runId);
        overrides.put("MES_QUEUE", "mes.orders.e2e-" + runId);
        overrides.put("MES_DEAD_LETTER_QUEUE", "mes.orders.e2e-" + runId + ".dead");
      }
      overrides.putAll(env);
      Map<String, String> settings = file.resolve(overrides);
      settings.put("REPO_ROOT", root.toString());
      settings.put("WORK_DIR", dir.toString());
      DemoStack stack = new DemoStack(this, settings);
      try {
        stack.launch(root, dir, file.services(settings));
      } catch (RuntimeException | Error e) {
        stack.close();
        throw e;
      }
      return stack;
    }
  }

  private void launch(Path root, Path dir, List<String> names) {
    checkInfrastructure();
    try {
      Files.createDirectories(dir.resolve("files"));
      Files.writeString(dir.resolve("hosts"), hostsFile(settings.get("PAYMENT_HOST")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> selected = config.only == null ? names : config.only;
    for (String name : selected) {
      String id = ServicesEnv.id(name);
      Path jar = root.resolve(require(id + "_JAR"));
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "service jar missing: " + jar + ". Build it: ./mvnw -B -DskipTests package");
      }
      Service svc =
          new Service(
              name,
              id,
              Integer.parseInt(require(id + "_PORT")),
              require(id + "_HEALTH"),
              settings.getOrDefault(id + "_OTEL_NAME", ""),
              dir.resolve(name + ".log"));
      services.put(name, svc);

      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String flags = settings.getOrDefault(id + "_JVM_ARGS", "").trim();
      if (!flags.isEmpty()) {
        cmd.addAll(Arrays.asList(flags.split("\\s+")));
      }
      cmd.add("-Djdk.net.hosts.file=" + dir.resolve("hosts"));
      cmd.addAll(config.jvmArgs.apply(svc));
      cmd.add("-jar");
      cmd.add(jar.toString());

      Map<String, String> env = new LinkedHashMap<>(settings);
      env.put("FILE_STORE_DIR", dir.resolve("files").toString());
      env.put("OTEL_SERVICE_NAME", svc.traced() ? svc.otelName() : name);
      env.putAll(config.serviceEnv.getOrDefault(name, Map.of()));
      ManagedProcess process =
          ManagedProcess.builder(name, cmd)
              .directory(dir)
              .removeInheritedEnv(k -> k.startsWith("OTEL_") || k.startsWith("JAVA_TOOL_OPTIONS"))
              .env(env)
              .log(svc.logFile())
              .readyWhenHttpOk(svc.url() + svc.healthPath())
              .readyTimeout(config.startTimeout)
              .stopGrace(Duration.ofSeconds(15))
              .build();
      processes.put(name, process);
      process.launch(); // all at once: they start in parallel
    }
    for (ManagedProcess process : processes.values()) {
      process.awaitReady();
    }
  }

  /**
   * The JVM hosts file replaces name resolution entirely, so it must also name this machine:
   * without it {@code InetAddress.getLocalHost()} fails and spans lose {@code host.name}.
   */
  static String hostsFile(String paymentHost) {
    String self = localHostName();
    return "127.0.0.1 localhost " + paymentHost + (self.isEmpty() ? "" : " " + self) + "\n";
  }

  /** The kernel's host name (what the JVM looks up for {@code getLocalHost()}). */
  static String localHostName() {
    for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
      try {
        String name = Files.readString(Path.of(file)).trim();
        if (!name.isEmpty() && name.matches("[A-Za-z0-9.-]+")) {
          return name;
        }
      } catch (IOException | RuntimeException e) {
        // try the next source
      }
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  private String require(String key) {
    String v = settings.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("deploy/local/services.env has no value for " + key);
    }
    return v;
  }

  private void checkInfrastructure() {
    String fix = " Start it with: deploy/local/infra.sh start (as root), then re-run the tests.";
    String pgHost = settings.get("POSTGRES_HOST");
    int pgPort = Integer.parseInt(settings.get("POSTGRES_PORT"));
    if (!reachable(pgHost, pgPort)) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at " + pgHost + ":" + pgPort + "." + fix);
    }
    String mqHost = settings.get("RABBITMQ_HOST");
    int mqPort = Integer.parseInt(settings.get("RABBITMQ_PORT"));
    if (!reachable(mqHost, mqPort)) {
      throw new IllegalStateException(
          "RabbitMQ is not reachable at " + mqHost + ":" + mqPort + "." + fix);
    }
    try (Connection c = rabbit()) {
      c.isOpen();
    } catch (Exception e) {
      throw new IllegalStateException(
          "RabbitMQ answers but the demo vhost/user do not work (" + e + ")." + fix, e);
    }
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A new connection to the demo vhost (caller closes it). */
  public Connection rabbit() throws IOException, java.util.concurrent.TimeoutException {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(settings.get("RABBITMQ_HOST"));
    f.setPort(Integer.parseInt(settings.get("RABBITMQ_PORT")));
    f.setVirtualHost(settings.get("RABBITMQ_VHOST"));
    f.setUsername(settings.get("RABBITMQ_USER"));
    f.setPassword(settings.get("RABBITMQ_PASSWORD"));
    f.setConnectionTimeout(3000);
    return f.newConnection("demo-stack");
  }

  public Service service(String name) {
    Service s = services.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "no service '" + name + "' in this stack; have " + services.keySet());
    }
    return s;
  }

  public String url(String service) {
    return service(service).url();
  }

  public Path logFile(String service) {
    return service(service).logFile();
  }

  /** The resolved setting (services.env + overrides) the services were started with. */
  public String setting(String key) {
    return settings.get(key);
  }

  public Map<String, Service> services() {
    return Map.copyOf(services);
  }

  public boolean isAlive(String service) {
    ManagedProcess p = processes.get(service);
    return p != null && p.isAlive();
  }

  /**
   * Stops all services (SIGTERM, then kill after 15 s) and removes the stack's own RabbitMQ
   * objects.
   */
  @Override
  public void close() {
    List<ManagedProcess> running = new ArrayList<>(processes.values());
    java.util.Collections.reverse(running);
    running.forEach(ManagedProcess::close);
    processes.clear();
    if (config.isolatedMessaging && settings.get("MES_QUEUE") != null) {
      try (Connection c = rabbit();
          Channel ch = c.createChannel()) {
        ch.queueDelete(settings.get("MES_QUEUE"));
        ch.queueDelete(settings.get("MES_DEAD_LETTER_QUEUE"));
        ch.exchangeDelete(settings.get("ORDERS_EXCHANGE"));
        ch.exchangeDelete(settings.get("ORDERS_EXCHANGE") + ".dlx");
      } catch (Exception e) {
        System.err.println("DemoStack: could not delete the test's RabbitMQ objects: " + e);
      }
    }
  }
}
