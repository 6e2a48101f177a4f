package dev.printernizer.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.jdbc.JdbcJobStore;
import dev.printernizer.micrometer.TimedJobStore;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerAutoConfiguration;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerHealthAutoConfiguration;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerLifecycle;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerMetricsAutoConfiguration;
import dev.printernizer.time.EngineClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The starter in a Spring Boot 4 context with its real auto-configurations: PostgreSQL through
 * Boot's DataSource, a simulated PrusaLink printer and a simulated Bambu printer (TLS MQTT), the
 * Actuator health registry and Micrometer.
 */
class StarterContextTest {
  @TempDir Path dir;

  /** The application's listener, as an integrator writes it. */
  static final class Listener {
    final BlockingQueue<PrinternizerEvent> events = new LinkedBlockingQueue<>();

    @EventListener
    void on(PrinternizerApplicationEvent e) {
      events.add(e.event());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    Listener listener() {
      return new Listener();
    }
  }

  @Test
  void printsOnPrusaAndBambuBecomeJobsInPostgresSeenByListenerHealthAndMetrics() throws Exception {
    try (Postgres pg = Postgres.schema();
        PrusaLinkSimulator prusa = PrusaLinkSimulator.builder(PrusaLinkSimulator.Flavour.BUDDY,
            EngineClock.system()).username("maker").password("prusa-secret-pw").start();
        BambuPrinterSimulator bambu = BambuPrinterSimulator.builder("00M09A350100123", "87654321")
            .start()) {
      Path ca = dir.resolve("bambu-ca.pem");
      Files.writeString(ca, bambu.caPem());
      Map<String, String> p = new HashMap<>();
      p.put("spring.datasource.url", pg.url());
      p.put("spring.datasource.username", Postgres.USER);
      p.put("printernizer.monitoring-interval", "1s");
      p.put("printernizer.printers[0].id", "mk4");
      p.put("printernizer.printers[0].type", "prusa");
      p.put("printernizer.printers[0].host", "127.0.0.1");
      p.put("printernizer.printers[0].port", String.valueOf(prusa.port()));
      p.put("printernizer.printers[0].username", "maker");
      p.put("printernizer.printers[0].password", "prusa-secret-pw");
      p.put("printernizer.printers[1].id", "x1c");
      p.put("printernizer.printers[1].type", "bambu");
      p.put("printernizer.printers[1].host", "127.0.0.1");
      p.put("printernizer.printers[1].port", String.valueOf(bambu.port()));
      p.put("printernizer.printers[1].serial", "00M09A350100123");
      p.put("printernizer.printers[1].access-code", "87654321");
      p.put("printernizer.printers[1].options.ca-file", ca.toString());
      p.put("printernizer.printers[1].options.ftps-port", String.valueOf(bambu.ftps().port()));
      String[] props = p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .toArray(String[]::new);

      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
              MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
              SimpleMetricsExportAutoConfiguration.class,
              HealthContributorAutoConfiguration.class,
              HealthContributorRegistryAutoConfiguration.class,
              PrinternizerAutoConfiguration.class, PrinternizerHealthAutoConfiguration.class,
              PrinternizerMetricsAutoConfiguration.class))
          .withUserConfiguration(App.class)
          .withPropertyValues(props)
          .run(ctx -> {
            assertNotNull(ctx.getStartupFailure() == null ? ctx : null,
                () -> "context failed: " + ctx.getStartupFailure());
            JobStore store = ctx.getBean(JobStore.class);
            assertInstanceOf(JdbcJobStore.class, store, "the JDBC store on Boot's DataSource");
            assertEquals("POSTGRESQL", ((JdbcJobStore) store).databaseKind());
            Printernizer engine = ctx.getBean(Printernizer.class);
            assertInstanceOf(TimedJobStore.class, engine.jobStore(), "store calls timed");
            assertTrue(ctx.getBean(PrinternizerLifecycle.class).isRunning());

            prusa.startPrint("Gear_Housing_v2.bgcode");
            bambu.startJob("Planter_Hex.3mf", BambuPrinterSimulator.JobKind.LAN);
            Map<String, Job> created = new HashMap<>();
            Listener listener = ctx.getBean(Listener.class);
            while (created.size() < 2) {
              PrinternizerEvent e = listener.events.poll(30, TimeUnit.SECONDS);
              assertNotNull(e, "no JobAutoCreated within 30 s; have " + created.keySet());
              if (e instanceof PrinternizerEvent.JobAutoCreated c) {
                created.put(c.printerId().value(), c.job());
              }
            }
            assertEquals(2, pg.count("SELECT COUNT(*) FROM printernizer_jobs"),
                "both jobs are rows in the application's PostgreSQL schema");

            HealthIndicator indicator = (HealthIndicator) ctx.getBean(
                HealthContributorRegistry.class).getContributor("printernizer");
            assertNotNull(indicator, "health contributor 'printernizer' registered");
            Health health = indicator.health();
            assertNotNull(health);
            assertEquals(Status.UP, health.getStatus());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> printers =
                (Map<String, Map<String, Object>>) health.getDetails().get("printers");
            assertEquals(created.get("mk4").id(), printers.get("mk4").get("currentJob"));
            assertEquals(created.get("x1c").id(), printers.get("x1c").get("currentJob"));
            assertEquals(2, health.getDetails().get("openJobs"));

            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            // the meters count on their own notifier lane: wait for it, then check nothing more
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (started(registry) < 2 && System.nanoTime() < deadline) {
              java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
            ctx.getBean(Printernizer.class).sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(2.0, started(registry),
                "the binder was bound by Boot, and counts each job once");
            assertTrue(registry.get("printernizer.store.calls").timers().stream()
                .anyMatch(t -> t.count() > 0), "store calls timed");
            assertFalse(ctx.getBean(PrinternizerProperties.class).toString()
                .contains("prusa-secret-pw"), "no secret in the properties' toString");
          });
    }
  }

  @Test
  void progressStillInMemoryIsWrittenBeforeTheDataSourceCloses() throws Exception {
    try (Postgres pg = Postgres.schema();
        PrusaLinkSimulator prusa = PrusaLinkSimulator.builder(PrusaLinkSimulator.Flavour.BUDDY,
            EngineClock.system()).username("maker").password("pw").start()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
              PrinternizerAutoConfiguration.class))
          .withUserConfiguration(App.class)
          .withPropertyValues("spring.datasource.url=" + pg.url(),
              "spring.datasource.username=" + Postgres.USER,
              "printernizer.monitoring-interval=1s",
              "printernizer.progress-write-interval=1h", // progress stays in memory until close
              "printernizer.printers[0].id=mk4", "printernizer.printers[0].type=prusa",
              "printernizer.printers[0].host=127.0.0.1",
              "printernizer.printers[0].port=" + prusa.port(),
              "printernizer.printers[0].username=maker", "printernizer.printers[0].password=pw")
          .run(ctx -> {
            prusa.startPrint("Phone_Stand.bgcode");
            Listener listener = ctx.getBean(Listener.class);
            PrinternizerEvent e;
            do {
              e = listener.events.poll(30, TimeUnit.SECONDS);
              assertNotNull(e, "no JobAutoCreated within 30 s");
            } while (!(e instanceof PrinternizerEvent.JobAutoCreated));
            prusa.setProgress(90);
            Printernizer engine = ctx.getBean(Printernizer.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.printer(dev.printernizer.api.PrinterId.of("mk4"))
                .flatMap(s -> s.snapshot()).flatMap(s -> s.progress()).orElse(0.0) < 90) {
              assertTrue(System.nanoTime() < deadline, "the engine did not see 90 % in 30 s");
              java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
            }
            assertEquals(0, pg.count("SELECT COUNT(*) FROM printernizer_jobs WHERE progress >= 90"),
                "not written yet (write interval 1 h)");
          }); // the context closes here: the engine first, then Boot's DataSource
      assertEquals(1, pg.count("SELECT COUNT(*) FROM printernizer_jobs WHERE progress >= 90"),
          "the engine wrote the progress it held when the context closed, before the pool closed");
    }
  }

  private static double started(MeterRegistry registry) {
    return registry.get("printernizer.jobs.started").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }
}
