package dev.printernizer.benchmarks;

import dev.printernizer.Printernizer;
import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An engine on its own executors and the system clock, with fake printers the benchmark reports
 * through (the same path a driver takes), over one of the {@link Stores}.
 */
final class Rig implements AutoCloseable {

  final Printernizer engine;
  final FakePrinter[] printers;
  final Stores.Handle store;
  final BlockingQueue<Job> created = new LinkedBlockingQueue<>();

  Rig(String storeKind, int printerCount) {
    store = Stores.open(storeKind);
    FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
    Printernizer.Builder b = Printernizer.builder().jobStore(store.store())
        .driverProvider(fakes).serviceDiscovery(false)
        .notifier(event -> {
          if (event instanceof PrinternizerEvent.JobAutoCreated c) {
            created.add(c.job());
          }
        });
    for (int i = 0; i < printerCount; i++) {
      b.printer(PrinterConfig.builder(PrinterId.of("b" + i), "fake").build());
    }
    engine = b.build();
    engine.start();
    printers = new FakePrinter[printerCount];
    for (int i = 0; i < printerCount; i++) {
      printers[i] = fakes.printer(PrinterId.of("b" + i));
    }
  }

  /** Waits until every report so far is processed. */
  void sync() {
    try {
      engine.sync().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("engine did not settle", e);
    }
  }

  /** Waits for the next auto-created job. */
  Job nextCreated() throws InterruptedException {
    Job j = created.poll(30, TimeUnit.SECONDS);
    if (j == null) {
      throw new IllegalStateException("no job was auto-created within 30 s");
    }
    return j;
  }

  void checkHealthy() {
    if (engine.failedTasks() != 0) {
      throw new IllegalStateException(engine.failedTasks() + " engine tasks failed");
    }
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }
}
