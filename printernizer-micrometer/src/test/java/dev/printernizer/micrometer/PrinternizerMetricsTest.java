package dev.printernizer.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.FaultyJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.outbox.RecordingDestination;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The meters against the real engine with scripted printers and a virtual clock. */
class PrinternizerMetricsTest {
  private static final PrinterId A = PrinterId.of("a");
  private static final PrinterId B = PrinterId.of("b");

  private final ManualClock clock = new ManualClock();
  private final FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();

  private Printernizer engine(dev.printernizer.spi.JobStore store, RecordingDestination hook) {
    Printernizer p = Printernizer.builder().clock(clock).jobStore(store).driverProvider(fakes)
        .executor(Runnable::run).notificationExecutor(Runnable::run).serviceDiscovery(false)
        .destination(hook)
        .printer(PrinterConfig.builder(A, "fake").build())
        .printer(PrinterConfig.builder(B, "fake").build()).build();
    p.start();
    return p;
  }

  @Test
  void jobsPrintersLatencyAndOutboxAreCounted() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    RecordingDestination hook = new RecordingDestination("hook");
    try (Printernizer p = engine(new InMemoryJobStore(clock), hook)) {
      new PrinternizerMetrics(p, false, Duration.ZERO).bindTo(r);
      FakePrinter a = fakes.printer(A);
      FakePrinter b = fakes.printer(B);
      a.publish(a.snapshot(PrinterState.IDLE));
      b.publish(b.snapshot(PrinterState.IDLE));
      hook.down(true);
      clock.advance(Duration.ofSeconds(1));
      // the report was observed 250 ms before the engine handles it
      a.publish(dev.printernizer.api.StatusSnapshot.builder(A, PrinterState.PRINTING,
          clock.instant().minusMillis(250)).fileName("x.3mf").progress(1.0));
      assertEquals(1.0, r.get("printernizer.jobs.started").tag("origin", "auto").counter()
          .count());
      assertEquals(1.0, r.get("printernizer.jobs.open").gauge().value());
      assertEquals(250.0, r.get("printernizer.detection.latency").timer().max(
          java.util.concurrent.TimeUnit.MILLISECONDS), 1.0);
      assertEquals(1.0, r.get("printernizer.outbox.pending").tag("destination", "hook")
          .gauge().value(), "the created entry waits for the receiver");
      a.publish(a.snapshot(PrinterState.FAILED).fileName("x.3mf").progress(30.0));
      assertEquals(1.0, r.get("printernizer.jobs.closed").tag("outcome", "failed").counter()
          .count());
      assertEquals(0.0, r.get("printernizer.jobs.open").gauge().value());
      b.connectionProblem(ConnectionProblem.Kind.AUTHENTICATION_REFUSED, "401", null);
      assertEquals(1.0, r.get("printernizer.printers").tag("state", "problem").gauge().value());
      assertEquals(1.0, r.get("printernizer.printers").tag("state", "connected").gauge()
          .value());
      b.badInput("json", "not JSON");
      assertEquals(1.0, r.get("printernizer.printer.bad.input").tag("driver", "fake")
          .functionCounter().count());
      assertEquals(0.0, r.get("printernizer.engine.failed.tasks").gauge().value());
      assertNull(r.find("printernizer.jobs.started").tag("printer", "a").counter(),
          "no printer tag unless asked");
      assertEquals(3.0, r.get("printernizer.outbox.pending").gauge().value(),
          "created, failed and b's connection problem wait");
      hook.down(false);
      clock.advance(Duration.ofMinutes(1));
      assertEquals(0.0, r.get("printernizer.outbox.pending").gauge().value(), "delivered");
      assertEquals(0.0, r.get("printernizer.outbox.dead").gauge().value());
    }
  }

  @Test
  void printerTagsWhenAskedAndStoreCallsTimedWithTheirOutcome() {
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore(clock));
    TimedJobStore timed = new TimedJobStore(faulty, r);
    try (Printernizer p = engine(timed, new RecordingDestination("hook"))) {
      new PrinternizerMetrics(p, true).bindTo(r);
      FakePrinter a = fakes.printer(A);
      a.publish(a.snapshot(PrinterState.IDLE));
      faulty.setDown(true);
      a.publish(a.snapshot(PrinterState.PRINTING).fileName("y.3mf").progress(1.0));
      assertTrue(r.get("printernizer.store.calls").tag("outcome", "error").timers().stream()
          .mapToLong(t -> t.count()).sum() >= 1, "the failed call is counted as an error");
      assertEquals(1.0, r.get("printernizer.printers").tag("state", "store_failing").gauge()
          .value());
      faulty.setDown(false);
      clock.advance(Duration.ofSeconds(61));
      assertEquals(1.0, r.get("printernizer.jobs.started").tag("printer", "a")
          .tag("origin", "auto").counter().count());
      assertTrue(r.get("printernizer.store.calls").tag("method", "createIfAbsent")
          .tag("outcome", "success").timer().count() >= 1);
      assertThrows(NullPointerException.class, () -> new TimedJobStore(null, r));
    }
  }
}
