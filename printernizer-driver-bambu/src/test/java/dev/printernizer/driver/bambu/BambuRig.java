package dev.printernizer.driver.bambu;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.RecordingNotifier;
import dev.printernizer.simulators.BambuPrinterSimulator;
import dev.printernizer.time.EngineClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Simulated printers, the real driver over TLS, the engine and an in-memory store. */
final class BambuRig implements AutoCloseable {
  final InMemoryJobStore store = new InMemoryJobStore();
  final AutoJobSettings settings = new AutoJobSettings();
  final RecordingNotifier events = new RecordingNotifier();
  final Map<String, BambuPrinterSimulator> sims = new LinkedHashMap<>();
  final Map<String, Map<String, String>> options = new LinkedHashMap<>();
  EngineClock clock = EngineClock.system();
  Printernizer engine;
  private final Path dir;

  BambuRig() {
    try {
      dir = Files.createTempDirectory("bambu-rig");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  BambuRig add(String id, BambuPrinterSimulator.Profile profile) {
    BambuPrinterSimulator sim = BambuPrinterSimulator.builder("01S00A" + id.toUpperCase()
        + "000001", "12345678").profile(profile).start();
    return add(id, sim);
  }

  BambuRig add(String id, BambuPrinterSimulator sim) {
    sims.put(id, sim);
    Map<String, String> o = new LinkedHashMap<>();
    o.put("ca_file", writeCa(id, sim.caPem()));
    o.put("ftps_port", String.valueOf(sim.ftps().port()));
    options.put(id, o);
    return this;
  }

  String writeCa(String id, String pem) {
    try {
      Path f = dir.resolve(id + "-ca.pem");
      Files.writeString(f, pem);
      return f.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  BambuPrinterSimulator sim(String id) {
    return sims.get(id);
  }

  PrinterConfig config(String id) {
    BambuPrinterSimulator sim = sims.get(id);
    PrinterConfig.Builder b = PrinterConfig.builder(PrinterId.of(id), "bambu").name("Bambu " + id)
        .host("127.0.0.1").port(sim.port()).serial(sim.serial())
        .credential(Secret.of(sim.accessCode()));
    options.get(id).forEach(b::option);
    return b.build();
  }

  BambuRig start() {
    Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store).settings(settings)
        .driverProvider(new BambuDriverProvider()).notifier(events).executor(Runnable::run)
        .notificationExecutor(Runnable::run).serviceDiscovery(false);
    sims.keySet().forEach(id -> b.printer(config(id)));
    engine = b.build();
    engine.start();
    return this;
  }

  BambuRig restart() {
    engine.close();
    return start();
  }

  List<Job> jobs() {
    List<Job> all = new ArrayList<>(store.query(JobQuery.all().withPage(0, 1000)));
    all.sort(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
    return all;
  }

  /** Waits (real time, bounded) until the condition holds; the driver works asynchronously. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  void awaitConnected(String id) {
    await(id + " connected with a full report", () -> engine.printer(PrinterId.of(id))
        .map(p -> p.connected() && p.lastSnapshot() != null).orElse(false));
  }

  void awaitJobs(int n) {
    await(n + " job(s)", () -> store.size() == n);
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    sims.values().forEach(BambuPrinterSimulator::close);
  }
}
