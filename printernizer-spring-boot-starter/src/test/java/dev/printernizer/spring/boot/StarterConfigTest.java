package dev.printernizer.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.Notifier;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerAutoConfiguration;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerHealthAutoConfiguration;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerLifecycle;
import dev.printernizer.spring.boot.autoconfigure.PrinternizerMetricsAutoConfiguration;
import dev.printernizer.store.InMemoryJobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Properties, fallbacks and replaceable beans, without printers or a database. */
class StarterConfigTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PrinternizerAutoConfiguration.class,
          PrinternizerHealthAutoConfiguration.class, PrinternizerMetricsAutoConfiguration.class));

  @Test
  void withoutDataSourceTheStoreIsInMemoryWithAWarning() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      runner.run(ctx -> {
        assertInstanceOf(InMemoryJobStore.class, ctx.getBean(JobStore.class));
        assertTrue(ctx.getBean(PrinternizerLifecycle.class).isRunning());
      });
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN") && log.contains("jobs are kept in memory and lost at restart"),
        log);
  }

  @Test
  void settingsAndPricesComeFromTheProperties() {
    runner.withPropertyValues("printernizer.job-creation.auto-create=false",
        "printernizer.job-creation.dedup-window=90s", "printernizer.monitoring-interval=5s",
        "printernizer.printers[0].id=mk4", "printernizer.printers[0].type=prusa",
        "printernizer.printers[0].host=192.0.2.10", "printernizer.printers[0].auto-create=true",
        "printernizer.printers[0].password=pw",
        "printernizer.costs.currency=CHF", "printernizer.costs.filament-price-per-kg=24.90")
        .run(ctx -> {
          AutoJobSettings s = ctx.getBean(Printernizer.class).settings();
          assertFalse(s.autoCreate());
          assertTrue(s.autoCreate(PrinterId.of("mk4")), "the printer's own switch");
          assertEquals(Duration.ofSeconds(90), s.dedupWindow());
          assertEquals(Duration.ofSeconds(5), s.monitoringInterval());
          assertEquals("CHF", ctx.getBean(Printernizer.class).costSettings().currency());
          assertEquals(0, new java.math.BigDecimal("24.90").compareTo(new java.math.BigDecimal(
              ctx.getBean(Printernizer.class).costSettings().values()
                  .get("cost_filament_price_per_kg"))));
          assertEquals(1, ctx.getBean(Printernizer.class).printers().size());
        });
  }

  @Test
  void badPropertiesFailTheStartNamingThePropertyAndNeverTheSecret() {
    runner.withPropertyValues("printernizer.printers[0].id=x1c",
        "printernizer.printers[0].host=192.0.2.11",
        "printernizer.printers[0].access-code=hunter2-code").run(ctx -> {
          Throwable t = ctx.getStartupFailure();
          assertNotNull(t);
          String all = messages(t);
          assertTrue(all.contains("printernizer.printers[0].type: is required"), all);
          assertFalse(all.contains("hunter2-code"), all);
        });
    runner.withPropertyValues("printernizer.job-creation.dedup-window=5h").run(ctx -> {
      String all = messages(ctx.getStartupFailure());
      assertTrue(all.contains("printernizer.job-creation.dedup-window: "), all);
      assertTrue(all.contains("1h"), "says the allowed range: " + all);
    });
    runner.withPropertyValues("printernizer.printers[0].id=a", "printernizer.printers[0].type=prusa",
        "printernizer.printers[0].password=pw-one", "printernizer.printers[0].api-key=key-two")
        .run(ctx -> {
          String all = messages(ctx.getStartupFailure());
          assertTrue(all.contains("printernizer.printers[0]: give one of access-code, password"
              + " and api-key, not password and api-key"), all);
          assertFalse(all.contains("pw-one") || all.contains("key-two"), all);
        });
    runner.withPropertyValues("printernizer.printers[0].id=a", "printernizer.printers[0].type=prusa",
        "printernizer.printers[1].id=a", "printernizer.printers[1].type=prusa").run(ctx -> {
          String all = messages(ctx.getStartupFailure());
          assertTrue(all.contains("printernizer.printers[1].id: 'a' is used by an earlier"), all);
        });
    runner.withPropertyValues("printernizer.printers[0].id=a",
        "printernizer.printers[0].type=klipper").run(ctx -> {
          String all = messages(ctx.getStartupFailure());
          assertTrue(all.contains("printernizer.printers[0] (a): ")
              && all.contains("no driver for printer type 'klipper'"), all);
        });
  }

  @Test
  void offWhenDisabled() {
    runner.withPropertyValues("printernizer.enabled=false").run(ctx -> {
      assertTrue(ctx.getBeansOfType(Printernizer.class).isEmpty());
      assertTrue(ctx.getBeansOfType(PrinternizerLifecycle.class).isEmpty());
    });
  }

  /** The application's own beans. */
  @Configuration(proxyBeanMethods = false)
  static class Own {
    static final BlockingQueue<PrinternizerEvent> SEEN = new LinkedBlockingQueue<>();
    static final AtomicBoolean CUSTOMIZED = new AtomicBoolean();

    @Bean
    JobStore myStore() {
      return new InMemoryJobStore();
    }

    @Bean
    Notifier myNotifier() {
      return SEEN::add;
    }

    @Bean
    PrinternizerBuilderCustomizer myCustomizer() {
      return b -> CUSTOMIZED.set(true);
    }
  }

  @Test
  void theApplicationsBeansWin() {
    runner.withUserConfiguration(Own.class).withPropertyValues("printernizer.printers[0].id=off",
        "printernizer.printers[0].type=prusa", "printernizer.printers[0].host=127.0.0.1",
        "printernizer.printers[0].port=1", "printernizer.printers[0].password=pw",
        "printernizer.monitoring-interval=1s").run(ctx -> {
          assertSame(ctx.getBean("myStore"), ctx.getBean(JobStore.class));
          assertTrue(ctx.getBean(Printernizer.class).jobStore().toString()
              .contains("InMemoryJobStore"), "the engine uses the application's store (timed)");
          assertTrue(Own.CUSTOMIZED.get());
          PrinternizerEvent e = Own.SEEN.poll(30, TimeUnit.SECONDS);
          assertNotNull(e, "the notifier bean gets the engine's events (a refused printer)");
          assertEquals("off", e.printerId().value());
        });
  }

  @Test
  void closingTheContextStopsTheEngine() {
    PrinternizerLifecycle[] lifecycle = new PrinternizerLifecycle[1];
    runner.run(ctx -> lifecycle[0] = ctx.getBean(PrinternizerLifecycle.class));
    assertFalse(lifecycle[0].isRunning());
    lifecycle[0].start(); // stopped for good: it stays stopped
    assertFalse(lifecycle[0].isRunning());
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
