/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.driver;

import io.ordertrace.demo.support.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CLI: places orders through the Shop API and drives each one to "shipped". */
public final class OrderDriver {
  /** The outcome for one order. */
  public record Result(int n, String orderId, String userId, String finalStatus, String problem) {
    public boolean shipped() {
      return "shipped".equals(finalStatus);
    }
  }

  private final Options options;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public OrderDriver(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the CLI and returns its exit code (0 all shipped, 1 some not, 2 usage error). */
  public static int run(PrintStream out, PrintStream err, String... args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      err.println("order-driver: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.println(Options.USAGE);
      return 0;
    }
    OrderDriver driver = new OrderDriver(options, out);
    try {
      driver.checkReachable();
    } catch (IllegalStateException e) {
      err.println("order-driver: " + e.getMessage());
      return 1;
    }
    List<Result> results = driver.placeAll();
    driver.printTable(results);
    long failed = results.stream().filter(r -> !r.shipped()).count();
    if (failed > 0) {
      err.println(
          "order-driver: "
              + failed
              + " of "
              + results.size()
              + " orders did not reach 'shipped'"
              + " (see the table; the services' logs are in deploy/local/run/)");
      return 1;
    }
    return 0;
  }

  void checkReachable() {
    for (String[] s :
        new String[][] {
          {"Shop API", options.shopUrl() + "/actuator/health", "--shop"},
          {"CRM API", options.crmUrl() + "/actuator/health", "--crm"},
          {"MES API", options.mesUrl() + "/health", "--mes"}
        }) {
      try {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s[1])).GET(), null);
        if (r.statusCode() != 200) {
          throw new IllegalStateException(
              s[0] + " at " + s[1] + " is not healthy (HTTP " + r.statusCode() + ")");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      } catch (IOException e) {
        throw new IllegalStateException(
            s[0]
                + " is not reachable at "
                + s[1]
                + " ("
                + describe(e)
                + "). Start the demo"
                + " with deploy/local/start-demo.sh or pass the right "
                + s[2]
                + " URL.");
      }
    }
  }

  public List<Result> placeAll() {
    List<Result> results = new ArrayList<>();
    for (int n = 0; n < options.orders(); n++) {
      results.add(placeOne(n));
    }
    return results;
  }

  Result placeOne(int n) {
    String userId = Customers.userId(n);
    String orderId = null;
    String status = "not created";
    try {
      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(URI.create(options.shopUrl() + "/api/orders"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Json.write(Customers.order(n)))),
              userId);
      if (created.statusCode() != 201) {
        return new Result(
            n,
            null,
            userId,
            status,
            "shop answered " + created.statusCode() + ": " + brief(created.body()));
      }
      orderId = created.headers().firstValue("X-Order-Id").orElse(null);
      if (orderId == null) {
        return new Result(
            n, null, userId, status, "shop answered 201 without an X-Order-Id header");
      }
      status = "Created";

      HttpResponse<String> approved =
          send(
              HttpRequest.newBuilder(
                      URI.create(options.crmUrl() + "/crm/orders/" + orderId + "/approve"))
                  .POST(HttpRequest.BodyPublishers.noBody()),
              userId);
      if (approved.statusCode() != 200) {
        return new Result(
            n,
            orderId,
            userId,
            status,
            "approve answered " + approved.statusCode() + ": " + brief(approved.body()));
      }
      status = "Approved";

      long deadline = System.nanoTime() + options.timeoutSeconds() * 1_000_000_000L;
      while (true) {
        HttpResponse<String> mes =
            send(
                HttpRequest.newBuilder(URI.create(options.mesUrl() + "/mes/orders/" + orderId))
                    .GET(),
                userId);
        if (mes.statusCode() == 200) {
          String mesStatus = Json.str(Json.parseObject(mes.body()), "status");
          if ("in_production".equals(mesStatus) || "shipped".equals(mesStatus)) {
            status = mesStatus;
            break;
          }
          if ("failed".equals(mesStatus)) {
            return new Result(
                n,
                orderId,
                userId,
                "failed",
                "MES: " + Json.str(Json.parseObject(mes.body()), "error"));
          }
        } else if (mes.statusCode() != 404) {
          return new Result(
              n,
              orderId,
              userId,
              status,
              "MES answered " + mes.statusCode() + ": " + brief(mes.body()));
        }
        if (System.nanoTime() > deadline) {
          return new Result(
              n,
              orderId,
              userId,
              status,
              "not in production after " + options.timeoutSeconds() + " s");
        }
        Thread.sleep(250);
      }

      HttpResponse<String> shipped =
          send(
              HttpRequest.newBuilder(
                      URI.create(options.mesUrl() + "/mes/orders/" + orderId + "/ship"))
                  .POST(HttpRequest.BodyPublishers.noBody()),
              userId);
      if (shipped.statusCode() != 200) {
        return new Result(
            n,
            orderId,
            userId,
            status,
            "ship answered " + shipped.statusCode() + ": " + brief(shipped.body()));
      }
      return new Result(
          n, orderId, userId, Json.str(Json.parseObject(shipped.body()), "status"), null);
    } catch (IOException e) {
      return new Result(n, orderId, userId, status, describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(n, orderId, userId, status, "interrupted");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String userId)
      throws IOException, InterruptedException {
    request.timeout(Duration.ofSeconds(30));
    if (userId != null) {
      request.header("X-User-Id", userId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Prints the order id -> final status table. */
  public void printTable(List<Result> results) {
    out.printf("%-4s %-10s %-8s %-14s %s%n", "#", "ORDER ID", "USER", "FINAL STATUS", "PROBLEM");
    for (Result r : results) {
      out.printf(
          "%-4d %-10s %-8s %-14s %s%n",
          r.n() + 1,
          r.orderId() == null ? "-" : r.orderId(),
          r.userId(),
          r.finalStatus(),
          r.problem() == null ? "" : r.problem());
    }
    long shipped = results.stream().filter(Result::shipped).count();
    out.printf("%d of %d orders shipped%n", shipped, results.size());
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String brief(String body) {
    if (body == null) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
