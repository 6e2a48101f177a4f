package dev.printernizer.testkit.model;

import dev.printernizer.Printernizer;
import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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

  final ManualClock clock;
  final JobStore store;
  final AutoJobSettings settings = new AutoJobSettings();
  final List<SimPrinter> printers = new ArrayList<>();
  final List<SimRun> runs = new ArrayList<>();
  private final Map<String, Integer> jobRun = new HashMap<>();
  private final Map<String, Job> closedJobs = new HashMap<>();
  private final List<String> orphanEvents = new ArrayList<>();
  private int autoCreatedEvents;
  private int engines;
  private FakePrinterDriverProvider fakes;
  private Printernizer engine;
  private long failedBefore;

  /**
   * A world of three printers (profiles ids, lan, elapsed) on a fresh store.
   *
   * @param store creates the store under test (called once)
   * @param tickOrigin where the monotonic clock starts
   * @since 0.1
   */
  public PrinterWorld(Supplier<JobStore> store, long tickOrigin) {
    this.clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"), tickOrigin);
    this.store = store.get();
    printers.add(new SimPrinter(PrinterId.of("ids-1"), Profile.IDS));
    printers.add(new SimPrinter(PrinterId.of("lan-2"), Profile.LAN));
    printers.add(new SimPrinter(PrinterId.of("elapsed-3"), Profile.ELAPSED));
    startEngine();
  }

  // ----------------------------------------------------------------- engine lifecycle

  private void startEngine() {
    engines++;
    fakes = new FakePrinterDriverProvider();
    Printernizer.Builder b = Printernizer.builder()
        .clock(clock).jobStore(store).settings(settings).driverProvider(fakes)
        .executor(Runnable::run).notificationExecutor(Runnable::run).serviceDiscovery(false)
        .notifier(this::onEvent);
    for (SimPrinter p : printers) {
      b.printer(PrinterConfig.builder(p.id, "fake").name(p.id.value()).build());
    }
    engine = b.build();
    engine.start();
    for (SimPrinter p : printers) {
      p.engineView = null;
      p.held = null;
      p.lastDelivered = null;
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

  /** Releases the engine; the store is left open for the caller. */
  public void close() {
    engine.close();
  }

  private void onEvent(PrinternizerEvent e) {
    if (e instanceof PrinternizerEvent.JobAutoCreated || e instanceof PrinternizerEvent.JobAdopted) {
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
    SimRun r = s.state().isActive() ? p.current : null;
    p.engineView = r;
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
    fakes.printer(p.id).publish(s);
    if (!openBefore.isEmpty()) {
      expectOutcome(ending, s.state(), openBefore);
    }
    StatusSnapshot late = p.held;
    if (late != null) {
      p.held = null;
      fakes.printer(p.id).publish(late); // older than s: the engine must ignore it
    }
  }

  /** P10/P11: a run's end closes its open job with exactly that outcome. */
  private void expectOutcome(SimRun r, PrinterState state, List<String> openBefore) {
    JobStatus want = state == PrinterState.FINISHED ? JobStatus.COMPLETED
        : state == PrinterState.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED;
    for (String id : openBefore) {
      Job j = store.get(id).orElseThrow(() -> new AssertionError("job " + id + " vanished"));
      if (j.status().isOpen()) {
        throw new AssertionError("run #" + r.id + " ended " + state + " but its job is still "
            + j.status() + ": " + j);
      }
      if (j.status() != want) {
        throw new AssertionError("run #" + r.id + " ended " + state + " but its job was closed "
            + j.status() + ": " + j);
      }
    }
  }

  StatusSnapshot lastDelivered(SimPrinter p) {
    return p.lastDelivered;
  }

  /** Hands a snapshot to the engine as is (a duplicate), bypassing drops and re-ordering. */
  void publishRaw(SimPrinter p, StatusSnapshot s) {
    fakes.printer(p.id).publish(s);
  }

  void fakesConnectionLost(SimPrinter p) {
    fakes.printer(p.id).connectionLost("simulated network loss");
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
  }

  SimPrinter printer(PrinterId id) {
    for (SimPrinter p : printers) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  Job createManualJob(SimPrinter p, String file) {
    return engine.createManualJob(p.id, null, file, null);
  }

  // ----------------------------------------------------------------- invariants

  /**
   * Checks invariants 1-5 and the outcome rule; throws an {@link AssertionError} naming the
   * broken one.
   *
   * @since 0.1
   */
  public void checkInvariants() {
    if (engine.failedTasks() > failedBefore) {
      throw new AssertionError("the engine threw " + (engine.failedTasks() - failedBefore)
          + " unexpected exception(s) (see the ERROR log above)");
    }
    List<Job> jobs = allJobs();
    if (!orphanEvents.isEmpty()) {
      throw new AssertionError("invariant 2: job(s) for a run that never happened: "
          + orphanEvents);
    }
    // 1. at most one open job per printer
    Map<PrinterId, List<Job>> open = new HashMap<>();
    for (Job j : jobs) {
      if (j.status().isOpen()) {
        open.computeIfAbsent(j.printerId(), k -> new ArrayList<>()).add(j);
      }
    }
    for (Map.Entry<PrinterId, List<Job>> e : open.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new AssertionError("invariant 1: printer " + e.getKey() + " has "
            + e.getValue().size() + " open jobs: " + e.getValue());
      }
    }
    // 2 + 3. every eligible run has exactly one job, others none; a job belongs to one run
    Set<String> linked = new HashSet<>();
    for (Job j : jobs) {
      if (j.run().isPresent()) {
        linked.add(j.id());
        if (!jobRun.containsKey(j.id())) {
          throw new AssertionError("invariant 2: job " + j + " was never announced for a run");
        }
      }
    }
    for (SimRun r : runs) {
      int n = r.jobs.size();
      if (r.eligible && n != 1) {
        throw new AssertionError("invariant 2: run #" + r.id + " (" + r + ") should have exactly"
            + " one job, has " + n + ": " + r.jobs);
      }
      if (!r.eligible && n != 0) {
        throw new AssertionError("invariant 2: run #" + r.id + " (" + r + ") was never printed"
            + " while auto-creation was on for its printer, yet has job(s) " + r.jobs);
      }
      for (String id : r.jobs) {
        if (!linked.contains(id)) {
          throw new AssertionError("invariant 3: job " + id + " of run #" + r.id
              + " is missing or not linked to a run in the store");
        }
      }
    }
    for (SimPrinter p : printers) {
      SimRun r = p.engineView;
      PrinterStatus st = engine.printer(p.id).orElseThrow();
      Job current = st.currentJob();
      if (current != null && r != null && !r.jobs.contains(current.id())) {
        throw new AssertionError("invariant 3: printer " + p.id + " prints run #" + r.id
            + " but the engine tracks job " + current + " of run #" + jobRun.get(current.id()));
      }
    }
    // 4. end never before start; a closed job stays closed and unchanged
    for (Job j : jobs) {
      if (j.tracking().endTime().isPresent() && j.tracking().startTime().isPresent()
          && j.tracking().endTime().get().isBefore(j.tracking().startTime().get())) {
        throw new AssertionError("invariant 4: job ends before it starts: " + j);
      }
      Job before = closedJobs.get(j.id());
      if (before != null && !before.tracking().equals(j.tracking())) {
        throw new AssertionError("invariant 4: closed job changed: was " + before.tracking()
            + ", now " + j.tracking());
      }
      if (j.status().isClosed()) {
        closedJobs.putIfAbsent(j.id(), j);
      }
    }
    // 5. one notification per auto-created job
    long auto = jobs.stream().filter(Job::autoCreated).count();
    if (auto != autoCreatedEvents) {
      throw new AssertionError("invariant 5: " + auto + " auto-created jobs but "
          + autoCreatedEvents + " job_auto_created notifications");
    }
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

  /** @return the expected and actual jobs, for failure reports @since 0.1 */
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

  /** One physical print. */
  final class SimRun {
    final int id;
    final SimPrinter printer;
    final String base;
    final String jobId;
    final Instant start;
    final Instant printerStart;
    final boolean system;
    boolean eligible;
    boolean seenByEngine;
    boolean ended;
    Duration paused = Duration.ZERO;
    Instant pausedAt;
    final List<String> jobs = new ArrayList<>();

    SimRun(int id, SimPrinter printer, String base, String jobId, Instant start,
        Instant printerStart, boolean system) {
      this.id = id;
      this.printer = printer;
      this.base = base;
      this.jobId = jobId;
      this.start = start;
      this.printerStart = printerStart;
      this.system = system;
    }

    @Override
    public String toString() {
      return "#" + id + " " + printer.id + " '" + base + "'" + (jobId == null ? "" : " id=" + jobId)
          + (system ? " system" : "") + (ended ? " ended" : " active");
    }
  }

  /** One simulated printer. */
  final class SimPrinter {
    final PrinterId id;
    final Profile profile;
    PrinterState state = PrinterState.IDLE;
    SimRun current;
    SimRun lastRun;
    double progress;
    boolean connected = true;
    Duration clockOffset = Duration.ZERO;
    int jobCounter = 100;
    boolean dropNext;
    boolean holdNext;
    StatusSnapshot held;
    StatusSnapshot lastDelivered;
    SimRun engineView;
    /** The run the engine last saw active here, until it saw a non-active report. */
    SimRun engineMaybeTracking;
    int nameForm;

    SimPrinter(PrinterId id, Profile profile) {
      this.id = id;
      this.profile = profile;
    }

    String fileName(String base) {
      switch (Math.floorMod(nameForm, 5)) {
        case 0: return base + ".gcode.3mf";
        case 1: return "cache/" + base + ".gcode.3mf";
        case 2: return base.toUpperCase(java.util.Locale.ROOT) + ".3MF";
        case 3: return "/sdcard/" + base + ".gcode ";
        default: return base;
      }
    }

    StatusSnapshot snapshot(Instant now) {
      StatusSnapshot.Builder b = StatusSnapshot.builder(id, state, now);
      SimRun r = state == PrinterState.IDLE ? null : (current != null ? current : lastRun);
      if (r != null) {
        b.fileName(r.system ? "/usr/etc/print/" + r.base + ".gcode" : fileName(r.base));
        if (profile != Profile.LAN) {
          b.printerJobId(r.jobId);
        }
        if (profile == Profile.IDS) {
          b.reportedStartTime(r.printerStart);
        }
        if (profile == Profile.ELAPSED && state.isActive()) {
          Duration paused = r.paused.plus(r.pausedAt == null ? Duration.ZERO
              : Duration.between(r.pausedAt, now));
          Duration el = Duration.between(r.start, now).minus(paused);
          b.elapsed(el.isNegative() ? Duration.ZERO : el);
        }
        b.progress(progress).systemJob(r.system && profile == Profile.IDS);
      }
      return b.build();
    }

    @Override
    public String toString() {
      return id.value();
    }
  }

  static String normalize(String base) {
    return FileNames.normalize(base);
  }
}
