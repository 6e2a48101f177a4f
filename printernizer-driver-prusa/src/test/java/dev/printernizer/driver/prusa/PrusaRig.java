package dev.printernizer.driver.prusa;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.fake.RecordingNotifier;
import dev.printernizer.simulators.PrusaLinkSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Simulators, the real driver, the engine and an in-memory store, all in virtual time. */
final class PrusaRig implements AutoCloseable {
  final ManualClock clock = new ManualClock();
  final InMemoryJobStore store = new InMemoryJobStore();
  final AutoJobSettings settings = new AutoJobSettings();
  final RecordingNotifier events = new RecordingNotifier();
  final Map<String, PrusaLinkSimulator> sims = new LinkedHashMap<>();
  final Map<String, String> credentials = new LinkedHashMap<>();
  final Map<String, String> auth = new LinkedHashMap<>();
  Printernizer engine;

  PrusaRig add(String id, PrusaLinkSimulator.Flavour flavour) {
    return add(id, PrusaLinkSimulator.builder(flavour, clock).username("maker")
        .password("pw-" + id).apiKey("key-" + id).start(), "pw-" + id, "digest");
  }

  PrusaRig add(String id, PrusaLinkSimulator sim, String credential, String authMode) {
    sims.put(id, sim);
    credentials.put(id, credential);
    auth.put(id, authMode);
    return this;
  }

  PrusaLinkSimulator sim(String id) {
    return sims.get(id);
  }

  PrusaRig start() {
    Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
        .settings(settings).driverProvider(new PrusaDriverProvider()).notifier(events)
        .executor(Runnable::run).notificationExecutor(Runnable::run)
        .driverExecutor(Runnable::run).serviceDiscovery(false);
    for (Map.Entry<String, PrusaLinkSimulator> e : sims.entrySet()) {
      b.printer(PrinterConfig.builder(PrinterId.of(e.getKey()), "prusa").name("Prusa " + e.getKey())
          .host("127.0.0.1").port(e.getValue().port()).username("maker")
          .credential(Secret.of(credentials.get(e.getKey())))
          .option("auth", auth.get(e.getKey())).build());
    }
    engine = b.build();
    engine.start();
    clock.runDueTasks(); // the first poll of every printer
    return this;
  }

  PrusaRig restart() {
    engine.close();
    return start();
  }

  /** One monitoring interval of virtual time: every printer is polled (at least) once. */
  void poll() {
    clock.advance(settings.monitoringInterval());
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  List<Job> jobs() {
    List<Job> all = new ArrayList<>(store.query(JobQuery.all().withPage(0, 1000)));
    all.sort(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
    return all;
  }

  Job onlyJob() {
    List<Job> all = jobs();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one job, got " + all);
    }
    return all.get(0);
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
    sims.values().forEach(PrusaLinkSimulator::close);
  }
}
