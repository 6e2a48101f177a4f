package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.spi.DriverContext;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One printer's trouble never holds up another printer (issue 12, item 1). */
class IsolationTest {

  /** A driver whose blocking I/O never returns, like a PrusaLink poll to a host that never answers. */
  static final class HangingProvider implements PrinterDriverProvider {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger hanging = new AtomicInteger();
    final AtomicReference<Thread> driverThread = new AtomicReference<>();

    @Override
    public String type() {
      return "hang";
    }

    @Override
    public PrinterDriver create(PrinterConfig config) {
      return new PrinterDriver() {
        @Override
        public void start(DriverContext context) {
          context.executor().execute(() -> {
            driverThread.set(Thread.currentThread());
            hanging.incrementAndGet();
            try {
              release.await(); // blocks like call.execute() on a silent host
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void driversThatBlockOnTheirExecutorDoNotDelayOtherPrintersReports() throws Exception {
    ManualClock clock = new ManualClock();
    InMemoryJobStore store = new InMemoryJobStore();
    FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    HangingProvider hang = new HangingProvider();
    // more hanging printers than the engine has lane threads (max(2, cores))
    int hangingPrinters = Math.max(2, Runtime.getRuntime().availableProcessors()) + 2;
    Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
        .driverProvider(fakes).driverProvider(hang).serviceDiscovery(false);
    for (int i = 0; i < hangingPrinters; i++) {
      b.printer(PrinterConfig.builder(PrinterId.of("silent-" + i), "hang").build());
    }
    PrinterId healthy = PrinterId.of("healthy");
    b.printer(PrinterConfig.builder(healthy, "fake").build());
    try (Printernizer p = b.build()) {
      p.start();
      FakePrinter f = fakes.printer(healthy);
      f.publish(f.snapshot(PrinterState.IDLE));
      f.publish(f.snapshot(PrinterState.PRINTING).fileName("benchy.gcode").progress(1.0));
      // a liveness bound, not a timing figure: on the lane pool this never completes
      p.sync().toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertEquals(1, store.count(JobQuery.all()), "the healthy printer's print has its job");
      assertEquals(PrinterState.PRINTING, p.printer(healthy).orElseThrow().state());
      assertTrue(hang.hanging.get() > 0, "the hanging drivers did block on their executor");
      assertTrue(hang.driverThread.get().getName().startsWith("printernizer-driver"),
          "blocking driver work runs on the driver pool, not on "
              + hang.driverThread.get().getName());
    } finally {
      hang.release.countDown();
    }
  }

  @Test
  void driversCannotBeGivenThePrinterLaneExecutor() {
    java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors
        .newSingleThreadExecutor();
    try {
      dev.printernizer.PrinternizerException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.printernizer.PrinternizerException.class, () -> Printernizer.builder()
              .jobStore(new InMemoryJobStore()).serviceDiscovery(false).executor(lanes)
              .driverExecutor(lanes).build());
      assertTrue(e.getMessage().contains("must not be the executor of the printer lanes"),
          e.getMessage());
    } finally {
      lanes.shutdownNow();
    }
  }

  @Test
  void theDriverPoolSizeIsValidated() {
    Printernizer.Builder b = Printernizer.builder();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> b.driverThreads(0));
  }
}
