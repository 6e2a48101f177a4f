package dev.printernizer.notifiers;

import dev.printernizer.Printernizer;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.outbox.Destination;
import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One engine with a fake printer "x1c", a virtual clock and inline executors, for tests. */
final class Farm implements AutoCloseable {
  static final PrinterId X1C = PrinterId.of("x1c");
  final ManualClock clock;
  final JobStore store;
  final FakePrinterDriverProvider fakes = new FakePrinterDriverProvider();
  final Printernizer engine;

  Farm(ManualClock clock, JobStore store, Destination... destinations) {
    this.clock = clock;
    this.store = store;
    Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
        .driverProvider(fakes).executor(Runnable::run).notificationExecutor(Runnable::run)
        .driverExecutor(Runnable::run).serviceDiscovery(false)
        .printer(PrinterConfig.builder(X1C, "fake").name("Werkstatt X1C").build());
    for (Destination d : destinations) {
      b.destination(d);
    }
    engine = b.build();
    engine.start();
  }

  FakePrinter printer() {
    return fakes.printer(X1C);
  }

  /** A print of {@code file} that uses the given grams per slot, ending in {@code end}. */
  Job print(String file, PrinterState end, double progress, double... gramsPerSlot) {
    List<FilamentUse> uses = new java.util.ArrayList<>();
    for (int s = 0; s < gramsPerSlot.length; s++) {
      uses.add(new FilamentUse(s, "PLA", null, gramsPerSlot[s], null));
    }
    printer().answerPrintFiles(job -> Optional.of(PrintFile.builder().filaments(uses).build()));
    printer().publish(printer().snapshot(PrinterState.IDLE));
    printer().publish(printer().snapshot(PrinterState.PRINTING).fileName(file).progress(1.0));
    clock.advance(Duration.ofMinutes(10));
    printer().publish(printer().snapshot(PrinterState.PRINTING).fileName(file)
        .progress(progress));
    printer().publish(printer().snapshot(end).fileName(file).progress(progress));
    printer().publish(printer().snapshot(PrinterState.IDLE));
    return store.query(JobQuery.all()).get(0);
  }

  @Override
  public void close() {
    engine.close();
  }
}
