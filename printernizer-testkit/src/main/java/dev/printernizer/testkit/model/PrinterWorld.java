package dev.printernizer.testkit.model;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A simulated print farm driving a real engine, with a reference model of the physical print
 * runs. Each action changes the simulated printers and delivers what the engine would be told;
 * {@link #checkInvariants()} compares the store with the model (invariants 1-5 of
 * auto-job-semantics.md) and fails with a report of expected and actual jobs.
 *
 * <p>Printer profiles: {@code ids} reports a printer job id per run and its own start time (like
 * Bambu cloud prints); {@code lan} reports neither (Bambu LAN prints); {@code elapsed} reports a
 * job id and elapsed printing time (PrusaLink).
 *
 * <p>Scope of the model, stated honestly: on a printer that reports no job id, a print of the
 * <i>same</i> file as the run the engine last saw active is only started once the engine has seen
 * that run end (a finished, failed, cancelled or idle report); without an id, an end state or a
 * time, such a reprint cannot be told from the same print by anyone, so the spec does not promise
 * it. Snapshots reach the engine in strictly increasing
 * observation time (a re-ordered snapshot arrives late and is older).
 *
 * <p>Not thread-safe: one world per sequence.
 *
 * @since 0.1
 */
public final class PrinterWorld {
  /** Printer profiles. */
  enum Profile { IDS, LAN, ELAPSED }

  static final String[] BASES = {"cube", "Benchy", "gear v2"};
  /** The backfill horizon of a world that models backfill. */
  static final Duration BACKFILL = Duration.ofDays(7);

  final ManualClock clock;
  final JobStore store;
  final AutoJobSettings settings = new AutoJobSettings();
  final List<SimPrinter> printers = new ArrayList<>();
  final List<SimRun> runs = new ArrayList<>();
  final Map<String, Integer> jobRun = new HashMap<>();
  final Map<String, Job> closedJobs = new HashMap<>();
  final List<String> orphanEvents = new ArrayList<>();
  /** Broken promises seen while events arrived (startup flag, event order). */
  final List<String> eventErrors = new ArrayList<>();
  /** Manual jobs people created, for the adoption invariant. */
  final List<ManualJob> manualJobs = new ArrayList<>();
  /** The startup flag each auto-created job must carry, by job id. */
  final Map<String, Boolean> expectedStartupFlag = new HashMap<>();
  private final boolean realExecutors;
  int autoCreatedEvents;
  private int engines;
  private FakePrinterDriverProvider fakes;
  Printernizer engine;
  long failedBefore;

  /**
   * A world of three printers (profiles ids, lan, elapsed) on a fresh store.
   *
   * @param store creates the store under test (called once)
   * @param tickOrigin where the monotonic clock starts
   * @since 0.1
   */
  public PrinterWorld(Supplier<JobStore> store, long tickOrigin) {
    this(store, tickOrigin, false);
  }

  /**
   * A world of three printers on a fresh store, on the engine's real thread pools (printer
   * lanes and driver pool) when {@code realExecutors} is set: each delivery waits for the
   * engine's {@code sync()}, and some steps report to every printer at once.
   *
   * @param store creates the store under test (called once)
   * @param tickOrigin where the monotonic clock starts
   * @param realExecutors whether the engine runs on its own executors
   * @since 0.2
   */
  public PrinterWorld(Supplier<JobStore> store, long tickOrigin, boolean realExecutors) {
    this.realExecutors = realExecutors;
    this.clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"), tickOrigin);
    this.store = store.get();
    printers.add(new SimPrinter(PrinterId.of("ids-1"), Profile.IDS));
    printers.add(new SimPrinter(PrinterId.of("lan-2"), Profile.LAN));
    printers.add(new SimPrinter(PrinterId.of("elapsed-3"), Profile.ELAPSED));
    if (backfillModelled()) {
      settings.setBackfill(BACKFILL);
    }
    startEngine();
  }

  // ----------------------------------------------------------------- engine lifecycle

  private void startEngine() {
    engines++;
    fakes = new FakePrinterDriverProvider();
    Printernizer.Builder b = Printernizer.builder()
        .clock(clock).jobStore(store).settings(settings).driverProvider(fakes)
        .notificationExecutor(Runnable::run).serviceDiscovery(false)
        .notifier(this::onEvent);
    if (!realExecutors) {
      b.executor(Runnable::run).driverExecutor(Runnable::run);
    }
    for (SimPrinter p : printers) {
      b.printer(PrinterConfig.builder(p.id, "fake").name(p.id.value()).build());
    }
    engine = b.build();
    engine.start();
    for (SimPrinter p : printers) {
      AtomicInteger reads = new AtomicInteger();
      fakes.printer(p.id).answerPrintFiles(job -> {
        if (reads.incrementAndGet() % 7 == 0) {
          throw new IOException("the printer is busy"); // retried on the clock
        }
        return Optional.of(describe(job));
      });
      if (p.profile == Profile.IDS) { // a printer with its own history (like Moonraker)
        fakes.printer(p.id).answerHistory(since -> WorldHistory.pastPrints(this, p, since));
      }
      p.engineView = null;
      p.held = null;
      p.lastDelivered = null;
      p.seenThisEngine = false;
      p.namedThisLink = false; // a new driver remembers nothing of the last print
      if (p.connected) {
        deliver(p, p.snapshot(clock.instant())); // what a driver reports on (re)connect
      }
    }
  }

  void restartEngine() {
    if (engine.failedTasks() > failedBefore) {
      throw new AssertionError("the engine threw unexpected exception(s) before the restart");
    }
    engine.close();
    startEngine();
  }

  /**
   * The print file description the simulated printers give for a job: it names the job, so a
   * description linked to another job shows.
   */
  static PrintFile describe(Job job) {
    return PrintFile.builder().slicer("model world, job " + job.id())
        .estimatedTime(Duration.ofSeconds(Math.floorMod(job.id().hashCode(), 100_000))).build();
  }

  /**
   * Whether this world models backfill: on the engine's real pools a pass runs on the driver
   * pool after the report that asked for it, where the world cannot wait for it, so there it
   * stays off.
   */
  boolean backfillModelled() {
    return !realExecutors;
  }

  /** Releases the engine; the store is left open for the caller. */
  public void close() {
    engine.close();
  }

  private synchronized void onEvent(PrinternizerEvent e) {
    // a past print from the history: stored as BACKFILL, and closed when announced (a live job
    // never is, which still tells it apart when a broken store loses the detection)
    if (e instanceof PrinternizerEvent.JobAutoCreated && (((PrinternizerEvent.JobAutoCreated) e)
        .job().run().map(l -> l.detection() == dev.printernizer.api.Detection.BACKFILL)
        .orElse(false) || ((PrinternizerEvent.JobAutoCreated) e).job().status().isClosed())) {
      WorldHistory.backfilled(this, (PrinternizerEvent.JobAutoCreated) e);
      return;
    }
    if (e instanceof PrinternizerEvent.JobAutoCreated) {
      PrinternizerEvent.JobAutoCreated a = (PrinternizerEvent.JobAutoCreated) e;
      SimPrinter p = printer(e.printerId());
      SimRun r = p == null ? null : p.engineView;
      if (p != null && r != null) {
        boolean firstSight = r.activeOnFirstSight.contains(engines);
        if (a.discoveredOnStartup() && !firstSight) {
          eventErrors.add("startup flag: job " + a.job().id() + " of run #" + r.id + " is"
              + " flagged discovered on startup, but engine #" + engines + " saw " + p
              + " before the run");
        }
        if (p.firstSightNow && !a.discoveredOnStartup()) {
          eventErrors.add("startup flag: job " + a.job().id() + " of run #" + r.id + " was"
              + " created on engine #" + engines + "'s first sight of a running print, but is"
              + " not flagged discovered on startup");
        }
        expectedStartupFlag.put(a.job().id(), a.discoveredOnStartup());
      }
    }
    if (e instanceof PrinternizerEvent.JobAutoCreated || e instanceof
        PrinternizerEvent.JobAdopted) {
      Job job = e instanceof PrinternizerEvent.JobAutoCreated
          ? ((PrinternizerEvent.JobAutoCreated) e).job()
          : ((PrinternizerEvent.JobAdopted) e).job();
      if (e instanceof PrinternizerEvent.JobAutoCreated) {
        autoCreatedEvents++;
      }
      SimPrinter p = printer(e.printerId());
      SimRun r = p == null ? null : p.engineView;
      if (r == null) {
        orphanEvents.add(e.type() + " " + job + " while the engine looked at no run");
      } else {
        jobRun.put(job.id(), r.id);
        r.jobs.add(job.id());
      }
    }
  }

  // ----------------------------------------------------------------- deliveries

  /** Delivers a snapshot as the printer's driver would, honouring drops and re-ordering. */
  void deliver(SimPrinter p, StatusSnapshot s) {
    if (!p.connected) {
      return;
    }
    if (p.dropNext) {
      p.dropNext = false;
      return;
    }
    if (p.holdNext) {
      p.holdNext = false;
      p.held = s;
      return;
    }
    Delivery d = before(p, s);
    fakes.printer(p.id).publish(s);
    awaitEngine();
    after(d);
  }

  /** What the world expects of one delivery, noted before the engine gets it. */
  private static final class Delivery {
    final SimPrinter printer;
    final StatusSnapshot snapshot;
    final @Nullable SimRun ending;
    final List<String> openBefore;

    Delivery(SimPrinter printer, StatusSnapshot snapshot, @Nullable SimRun ending,
        List<String> openBefore) {
      this.printer = printer;
      this.snapshot = snapshot;
      this.ending = ending;
      this.openBefore = openBefore;
    }
  }

  private Delivery before(SimPrinter p, StatusSnapshot s) {
    SimRun r = s.state().isActive() ? p.current : null;
    p.engineView = r;
    boolean first = !p.seenThisEngine;
    p.seenThisEngine = true;
    if (first && r != null) {
      r.activeOnFirstSight.add(engines);
    }
    p.firstSightNow = first && r != null;
    if (r != null && r.engineSawStartAt == null) {
      r.engineSawStartAt = s.observedAt();
    }
    if (r != null && enabled(p) && !(r.system && settings.skipSystemJobs())) {
      r.eligible = true;
    }
    if (r != null) {
      r.seenByEngine = true;
    }
    p.engineMaybeTracking = r;
    SimRun ending = s.state().isTerminal() ? p.lastRun : null;
    List<String> openBefore = new ArrayList<>();
    if (ending != null) {
      for (String id : ending.jobs) {
        store.get(id).filter(j -> j.status().isOpen()).ifPresent(j -> openBefore.add(id));
      }
    }
    p.lastDelivered = s;
    return new Delivery(p, s, ending, openBefore);
  }

  private void after(Delivery d) {
    SimPrinter p = d.printer;
    p.firstSightNow = false;
    SimRun ending = d.ending; // openBefore is filled only for a report that ends a run
    if (ending != null && !d.openBefore.isEmpty()) {
      boolean anonymous = d.snapshot.fileName().isEmpty() && d.snapshot.printerJobId().isEmpty();
      expectOutcome(ending, d.snapshot.state(), d.openBefore, anonymous);
    }
    StatusSnapshot late = p.held;
    if (late != null) {
      p.held = null;
      fakes.printer(p.id).publish(late); // older than the last one: the engine must ignore it
      awaitEngine();
    }
  }

  /** On real executors: waits until the engine has handled everything delivered so far. */
  void awaitEngine() {
    if (!realExecutors) {
      return;
    }
    try {
      engine.sync().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the engine did not handle its reports within 30 s", e);
    }
  }

  /**
   * Every connected printer reports at once, from its own thread (real executors only; else
   * one after another): the lanes run in parallel on the engine's pool.
   */
  void reportAllAtOnce() {
    List<Delivery> ds = new ArrayList<>();
    for (SimPrinter p : printers) {
      if (p.connected && p.lastDelivered != null && !p.dropNext && !p.holdNext) {
        ds.add(before(p, p.snapshot(clock.instant())));
      }
    }
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (Delivery d : ds) {
      Runnable send = () -> fakes.printer(d.printer.id).publish(d.snapshot);
      if (!realExecutors) {
        send.run();
        continue;
      }
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        send.run();
      }, "world-" + d.printer.id);
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    awaitEngine();
    ds.forEach(this::after);
  }

  /**
   * P10/P11: a run's end closes its open job with exactly that outcome; an end that names no
   * print (after a gap) may close it as interrupted instead.
   */
  private void expectOutcome(SimRun r, PrinterState state, List<String> openBefore,
      boolean anonymous) {
    JobStatus want = state == PrinterState.FINISHED ? JobStatus.COMPLETED
        : state == PrinterState.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED;
    for (String id : openBefore) {
      Job j = store.get(id).orElseThrow(() -> new AssertionError("job " + id + " vanished"));
      if (j.status().isOpen()) {
        throw new AssertionError("run #" + r.id + " ended " + state + " but its job is still "
            + j.status() + ": " + j);
      }
      if (j.status() != want && !(anonymous && j.status() == JobStatus.INTERRUPTED)) {
        throw new AssertionError("run #" + r.id + " ended " + state + " but its job was closed "
            + j.status() + ": " + j);
      }
    }
  }

  @Nullable StatusSnapshot lastDelivered(SimPrinter p) {
    return p.lastDelivered;
  }

  /** Hands a snapshot to the engine as is (a duplicate), bypassing drops and re-ordering. */
  void publishRaw(SimPrinter p, StatusSnapshot s) {
    fakes.printer(p.id).publish(s);
    awaitEngine();
  }

  void fakesConnectionLost(SimPrinter p) {
    fakes.printer(p.id).connectionLost("simulated network loss");
    awaitEngine();
  }

  boolean enabled(SimPrinter p) {
    return settings.autoCreate(p.id);
  }

  /** Auto-creation was switched: a run the engine is looking at becomes eligible at once. */
  void settingsChanged() {
    for (SimPrinter p : printers) {
      SimRun r = p.engineView;
      if (r != null && enabled(p) && !(r.system && settings.skipSystemJobs())) {
        r.eligible = true;
      }
    }
    awaitEngine(); // the engine re-evaluates on the printers' lanes
  }

  @Nullable SimPrinter printer(PrinterId id) {
    for (SimPrinter p : printers) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  Job createManualJob(SimPrinter p, String file) {
    Job j = engine.createManualJob(p.id, null, file, null);
    manualJobs.add(new ManualJob(j.id(), p.id, FileNames.normalize(file), j.createdAt()));
    return j;
  }

  /** A job a person created by hand. */
  static final class ManualJob {
    final String id;
    final PrinterId printer;
    final String normFile;
    final Instant createdAt;

    ManualJob(String id, PrinterId printer, String normFile, Instant createdAt) {
      this.id = id;
      this.printer = printer;
      this.normFile = normFile;
      this.createdAt = createdAt;
    }
  }

  // ----------------------------------------------------------------- invariants

  /**
   * Checks invariants 1-5 and the outcome rule; throws an {@link AssertionError} naming the
   * broken one.
   *
   * @since 0.1
   */
  public void checkInvariants() {
    new WorldInvariants(this).check();
  }

  List<Job> allJobs() {
    List<Job> out = new ArrayList<>();
    for (int offset = 0; ; offset += JobQuery.MAX_LIMIT) {
      List<Job> page = store.query(JobQuery.all().withPage(offset, JobQuery.MAX_LIMIT));
      out.addAll(page);
      if (page.size() < JobQuery.MAX_LIMIT) {
        return out;
      }
    }
  }

  /**
   * @return the expected and actual jobs, for failure reports
   * @since 0.1
   */
  public String describe() {
    StringBuilder sb = new StringBuilder("  expected (model): ");
    Map<Integer, String> exp = new LinkedHashMap<>();
    for (SimRun r : runs) {
      exp.put(r.id, r + (r.eligible ? " -> 1 job" : " -> no job") + " " + r.jobs);
    }
    sb.append(exp.isEmpty() ? "no runs" : "").append('\n');
    exp.values().forEach(v -> sb.append("    ").append(v).append('\n'));
    sb.append("  actual (store):\n");
    for (Job j : allJobs()) {
      sb.append("    ").append(j).append(" <- run #").append(jobRun.get(j.id())).append('\n');
    }
    sb.append("  engines started: ").append(engines).append('\n');
    return sb.toString();
  }

  // ----------------------------------------------------------------- simulation types

  static String normalize(String base) {
    return FileNames.normalize(base);
  }
}
