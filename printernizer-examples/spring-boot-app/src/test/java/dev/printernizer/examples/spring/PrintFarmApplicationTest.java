package dev.printernizer.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.simulators.MoonrakerSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.spring.boot.PrinternizerApplicationEvent;
import dev.printernizer.time.EngineClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example service against a simulated PrusaLink printer and the machine's PostgreSQL: a print
 * becomes a job seen by a Spring event listener, in GET /jobs, in the Actuator health and in the
 * metrics. The same test runs under Spring Boot 4 (this build) and 3.5 (it/spring-boot3).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrintFarmApplicationTest {
  static final String PG = System.getProperty("printernizer.test.pg.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  static final String SCHEMA = "pz_boot_" + Long.toString(ProcessHandle.current().pid(), 36);
  static PrusaLinkSimulator printer;
  /** A Klipper printer: the driver runs on the Netty version this Spring Boot manages. */
  static MoonrakerSimulator klipper;

  @TestConfiguration
  static class Events {
    final BlockingQueue<PrinternizerEvent> seen = new LinkedBlockingQueue<>();

    @Bean
    Events events() {
      return this;
    }

    @EventListener
    void on(PrinternizerApplicationEvent e) {
      seen.add(e.event());
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    exec("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    printer = PrusaLinkSimulator.builder(PrusaLinkSimulator.Flavour.BUDDY, EngineClock.system())
        .username("maker").password("test-pw").start();
    r.add("spring.datasource.url", () -> PG + "?currentSchema=" + SCHEMA);
    r.add("spring.datasource.username", () -> "postgres");
    r.add("printernizer.monitoring-interval", () -> "1s");
    r.add("printernizer.printers[0].id", () -> "mk4");
    r.add("printernizer.printers[0].type", () -> "prusa");
    r.add("printernizer.printers[0].host", () -> "127.0.0.1");
    r.add("printernizer.printers[0].port", () -> printer.port());
    r.add("printernizer.printers[0].username", () -> "maker");
    r.add("printernizer.printers[0].password", () -> "test-pw");
    klipper = MoonrakerSimulator.start();
    r.add("printernizer.printers[1].id", () -> "voron");
    r.add("printernizer.printers[1].type", () -> "moonraker");
    r.add("printernizer.printers[1].host", () -> "127.0.0.1");
    r.add("printernizer.printers[1].port", () -> klipper.port());
  }

  @AfterAll
  static void cleanUp() {
    if (printer != null) {
      printer.close();
    }
    if (klipper != null) {
      klipper.close();
    }
    exec("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  Events events;

  @Test
  void aPrintBecomesAJobInTheApiHealthAndMetrics() throws Exception {
    printer.startPrint("Gear_Housing_v2.bgcode");
    PrinternizerEvent.JobAutoCreated created = next(PrinternizerEvent.JobAutoCreated.class,
        "mk4");
    String id = created.job().id();

    String jobs = get("/jobs");
    assertTrue(jobs.contains(id) && jobs.contains("\"autoCreated\":true"), jobs);
    String health = get("/actuator/health");
    String component = object(health, "\"printernizer\":");
    assertTrue(component.contains("\"currentJob\":\"" + id + "\"")
        && component.contains("\"engine\":\"running\""), health);
    assertTrue(component.endsWith("\"status\":\"UP\"}")
        || component.startsWith("{\"status\":\"UP\""), "printernizer UP: " + component);
    // the meters count on their own notifier lane, beside the listener's: wait for it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String metric = get("/actuator/metrics/printernizer.jobs.started");
    while (!metric.contains("\"value\":1.0") && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      metric = get("/actuator/metrics/printernizer.jobs.started");
    }
    assertTrue(metric.contains("\"value\":1.0"), metric);

    printer.finish();
    PrinternizerEvent.JobClosed closed = next(PrinternizerEvent.JobClosed.class, "mk4");
    assertEquals(id, closed.job().id());
    assertTrue(get("/jobs").contains("\"status\":\"COMPLETED\""));

    // a Klipper print through Moonraker, on this Spring Boot's Netty
    klipper.startPrint("Voron_Cube.gcode");
    PrinternizerEvent.JobAutoCreated voron = next(PrinternizerEvent.JobAutoCreated.class,
        "voron");
    assertEquals("Voron_Cube", voron.job().name());
  }

  private <T extends PrinternizerEvent> T next(Class<T> type, String printer)
      throws InterruptedException {
    while (true) {
      PrinternizerEvent e = events.seen.poll(30, TimeUnit.SECONDS);
      assertNotNull(e, "no " + type.getSimpleName() + " of " + printer + " within 30 s");
      if (type.isInstance(e) && e.printerId().value().equals(printer)) {
        return type.cast(e);
      }
    }
  }

  /** The JSON object that follows {@code key} in {@code json}, by counting braces. */
  private static String object(String json, String key) {
    int start = json.indexOf(key);
    assertTrue(start >= 0, key + " in " + json);
    start += key.length();
    int depth = 0;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return json.substring(start, i + 1);
      }
    }
    throw new AssertionError("unbalanced: " + json);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  private static void exec(String sql) {
    try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      String msg = "PostgreSQL is not reachable at " + PG + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg + ": under CI=true a missing database server is a failure");
      }
      Assumptions.abort(msg + ": skipped (start the server to run this test)");
    }
  }
}
