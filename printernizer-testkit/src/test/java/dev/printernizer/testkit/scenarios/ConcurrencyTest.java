package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.spi.Notifier;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine on its own thread pools: per-printer serialization and contained notifiers. */
class ConcurrencyTest {

  private static Printernizer engine(InMemoryJobStore store, FakePrinterDriverProvider fakes,
      ManualClock clock, int printers, Notifier... notifiers) {
    Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
        .driverProvider(fakes).serviceDiscovery(false); // the engine's own executors
    for (Notifier n : notifiers) {
      b.notifier(n);
    }
    for (int i = 0; i < printers; i++) {
      b.printer(PrinterConfig.builder(PrinterId.of("c" + i), "fake").build());
    }
    Printernizer p = b.build();
    p.start();
    return p;
  }

  @Test
  void fiftyConcurrentReportsForOnePrinterMakeOneJobWhileOtherPrintersGoOn() throws Exception {
    ManualClock clock = new ManualClock();
    InMemoryJobStore store = new InMemoryJobStore();
    FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    RecordingNotifier events = new RecordingNotifier();
    try (Printernizer p = engine(store, fakes, clock, 10, events)) {
      for (int i = 0; i < 10; i++) {
        FakePrinter f = fakes.printer(PrinterId.of("c" + i));
        f.publish(f.snapshot(PrinterState.IDLE));
      }
      p.sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
      clock.advance(Duration.ofSeconds(1));
      ExecutorService pool = Executors.newFixedThreadPool(50);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
          int thread = t;
          fs.add(pool.submit(() -> {
            go.await();
            FakePrinter hot = fakes.printer(PrinterId.of("c0"));
            hot.publish(hot.snapshot(PrinterState.PRINTING).fileName("hot.gcode")
                .progress((double) thread));
            FakePrinter other = fakes.printer(PrinterId.of("c" + (1 + thread % 9)));
            other.publish(other.snapshot(PrinterState.PRINTING).fileName("other.gcode")
                .progress((double) thread));
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : fs) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      p.sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(1, store.count(JobQuery.all().withPrinter(PrinterId.of("c0"))),
          "50 concurrent reports of one print: one job");
      assertEquals(10, store.count(JobQuery.all()), "one job for each of the 10 printers");
      assertEquals(0, p.failedTasks());
      ServerWait.until(() -> events.events(PrinternizerEvent.JobAutoCreated.class).size() == 10);
    }
  }

  @Test
  void aSlowNotifierNeverHoldsUpTheEngineOrOtherNotifiers() throws Exception {
    ManualClock clock = new ManualClock();
    InMemoryJobStore store = new InMemoryJobStore();
    FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    CountDownLatch release = new CountDownLatch(1);
    RecordingNotifier fast = new RecordingNotifier();
    RecordingNotifier slow = new RecordingNotifier();
    Notifier hanging = event -> {
      try {
        release.await(30, TimeUnit.SECONDS); // a webhook that hangs
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      slow.onEvent(event);
    };
    try (Printernizer p = engine(store, fakes, clock, 3, hanging, fast)) {
      for (int i = 0; i < 3; i++) {
        FakePrinter f = fakes.printer(PrinterId.of("c" + i));
        f.publish(f.snapshot(PrinterState.IDLE));
        clock.advance(Duration.ofSeconds(1));
        f.publish(f.snapshot(PrinterState.PRINTING).fileName("job" + i + ".gcode"));
      }
      p.sync().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(3, store.count(JobQuery.all()), "jobs are created while a notifier hangs");
      ServerWait.until(() -> fast.events(PrinternizerEvent.JobAutoCreated.class).size() == 3);
      assertTrue(slow.events().isEmpty(), "the slow notifier is still stuck in its first event");
      release.countDown();
      ServerWait.until(() -> slow.events(PrinternizerEvent.JobAutoCreated.class).size() == 3);
    }
  }

  /** Bounded real-time wait for asynchronous delivery. */
  static final class ServerWait {
    static void until(java.util.function.BooleanSupplier c) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!c.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out");
        }
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
    }
  }
}
