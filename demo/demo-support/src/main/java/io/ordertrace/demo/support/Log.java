package io.ordertrace.demo.support;

import java.io.PrintStream;
import java.time.Instant;

/** One-line logger for the plain-JDK services (they have no logging framework, like the legacy MES). */
public final class Log {
  private final String name;

  private Log(String name) {
    this.name = name;
  }

  public static Log get(Class<?> type) {
    return new Log(type.getSimpleName());
  }

  public void info(String msg) {
    print(System.out, "INFO", msg, null);
  }

  public void warn(String msg) {
    print(System.out, "WARN", msg, null);
  }

  public void error(String msg, Throwable t) {
    print(System.err, "ERROR", msg, t);
  }

  private void print(PrintStream out, String level, String msg, Throwable t) {
    String line = Instant.now() + " " + level + " [" + Thread.currentThread().getName() + "] " + name + " - " + msg;
    synchronized (Log.class) {
      out.println(line);
      if (t != null) {
        t.printStackTrace(out);
      }
    }
  }
}
