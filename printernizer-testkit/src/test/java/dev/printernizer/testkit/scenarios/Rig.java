package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.printernizer.Printernizer;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.Notifier;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinter;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** A deterministic engine for scenario tests: manual clock, fake printers, direct executors. */
final class Rig implements AutoCloseable {
  final ManualClock clock;
  final JobStore store;
  final AutoJobSettings settings;
  final CostSettings costs = new CostSettings();
  final RecordingNotifier events = new RecordingNotifier();
  final List<PrinterConfig> printers = new ArrayList<>();
  final List<Notifier> extraNotifiers = new ArrayList<>();
  final List<dev.printernizer.outbox.Destination> destinations = new ArrayList<>();
  FakePrinterDriverProvider fakes;
  /** Driver work (print file reads) on the calling thread too: fully deterministic. */
  boolean driversInline;
  Printernizer engine;

  Rig(String... printerIds) {
    this(new InMemoryJobStore(), new ManualClock(), new AutoJobSettings(), printerIds);
  }

  Rig(JobStore store, ManualClock clock, AutoJobSettings settings, String... printerIds) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    for (String id : printerIds) {
      printers.add(PrinterConfig.builder(PrinterId.of(id), "fake").name("Printer " + id).build());
    }
  }

  /** Sets a printer's power draw (before {@link #start}). */
  Rig power(String id, double watts) {
    printers.replaceAll(c -> c.id().value().equals(id) ? c.toBuilder().powerWatts(watts).build()
        : c);
    return this;
  }

  Rig start() {
    fakes = new FakePrinterDriverProvider();
    Printernizer.Builder b = Printernizer.builder()
        .clock(clock)
        .jobStore(store)
        .settings(settings)
        .costSettings(costs)
        .driverProvider(fakes)
        .notifier(events)
        .executor(Runnable::run)
        .notificationExecutor(Runnable::run)
        .serviceDiscovery(false);
    if (driversInline) {
      b.driverExecutor(Runnable::run);
    }
    extraNotifiers.forEach(b::notifier);
    destinations.forEach(b::destination);
    printers.forEach(b::printer);
    engine = b.build();
    engine.start();
    return this;
  }

  /** Closes the engine and starts a new one on the same store, clock and settings. */
  Rig restart() {
    engine.close();
    return start();
  }

  FakePrinter printer(String id) {
    return fakes.printer(PrinterId.of(id));
  }

  void send(String id, PrinterState state, Consumer<StatusSnapshot.Builder> with) {
    FakePrinter p = printer(id);
    StatusSnapshot.Builder b = p.snapshot(state);
    with.accept(b);
    p.publish(b);
  }

  void printing(String id, String file, double progress) {
    send(id, PrinterState.PRINTING, b -> b.fileName(file).progress(progress));
  }

  void paused(String id, String file, double progress) {
    send(id, PrinterState.PAUSED, b -> b.fileName(file).progress(progress));
  }

  void idle(String id) {
    send(id, PrinterState.IDLE, b -> { });
  }

  void state(String id, PrinterState state, String file) {
    send(id, state, b -> b.fileName(file));
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  void minutes(long m) {
    clock.advance(Duration.ofMinutes(m));
  }

  /** All jobs, oldest first. */
  List<Job> jobs() {
    List<Job> all = new ArrayList<>(store.query(JobQuery.all().withPage(0, JobQuery.MAX_LIMIT)));
    all.sort(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
    return all;
  }

  Job onlyJob() {
    List<Job> all = jobs();
    assertEquals(1, all.size(), () -> "expected exactly one job, got " + all);
    return all.get(0);
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
