package dev.printernizer.internal.engine;

import dev.printernizer.api.ConnectionGap;
import dev.printernizer.outbox.OutboxRules;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one printer: turns its snapshots into job creations, updates and closes.
 *
 * <p>Every method runs on the printer's {@link SerialLane}, so the fields need no locking; the
 * only state read from other threads is {@link #view}, published through a volatile field.
 */
final class PrinterTracker {
  private static final Logger LOG = LoggerFactory.getLogger(PrinterTracker.class);
  private static final String UNNAMED = RunNames.UNNAMED;
  /** Why a print is interrupted when its printer comes back idle and nameless. */
  static final String RESTARTED = "the printer restarted or lost power during the print (it came"
      + " back idle without the print's file or job id)";
  /** BUSY, ERROR or UNKNOWN for this long closes the open job as interrupted (P11). */
  static final Duration UNRESOLVED_GRACE = Duration.ofHours(24);

  final PrinterConfig config;
  final PrinterId id;
  final SerialLane lane;
  private final Engine engine;

  private @Nullable StatusSnapshot last;
  private @Nullable PrinterState lastState;
  private boolean needBaseline = true;
  private boolean everBaselined;
  private @Nullable Instant lostAt;
  private @Nullable Run run;
  private @Nullable Instant lastReportedStart;
  private @Nullable Instant previousObservedAt;
  private @Nullable Instant unresolvedSince;
  /** Writes waiting for the store, and the store's health for this printer. */
  private final StoreOutbox outbox;
  private final JobResolver resolver;
  private final RunTracking runs;
  private final LinkHealth link;
  private volatile PrinterStatus view;

  PrinterTracker(PrinterConfig config, Engine engine, SerialLane lane) {
    this.config = config;
    this.id = config.id();
    this.engine = engine;
    this.lane = lane;
    this.outbox = new StoreOutbox(id, config.name(), engine, lane, this::afterStoreRetry);
    this.resolver = new JobResolver(id, engine, outbox);
    this.runs = new RunTracking(id, engine, outbox, resolver);
    this.link = new LinkHealth(id);
    this.view = new PrinterStatus(config, null, false, null);
  }

  /** Publishes what other threads see of this printer. */
  private void publishView(@Nullable StatusSnapshot snapshot, boolean connected) {
    view = new PrinterStatus(config, snapshot, connected, run == null ? null : run.job,
        connected ? null : link.problem(), link.badInputs(), outbox.failure());
  }

  PrinterStatus view() {
    return view;
  }

  // ---------------------------------------------------------------- inputs (on the lane)

  void onSnapshot(StatusSnapshot reported) {
    if (reported.state() == PrinterState.OFFLINE) {
      onConnectionLost(reported.observedAt(),
          reported.message().orElse("printer reported offline"));
      return;
    }
    StatusSnapshot s = RunNames.bounded(reported); // odd names must never cost a print its job
    if ((last != null && s.observedAt().isBefore(last.observedAt()))
        || (lostAt != null && s.observedAt().isBefore(lostAt))) {
      LOG.debug("{}: dropped out-of-order snapshot {} (last {}, lost {})", id, s.observedAt(),
          last == null ? null : last.observedAt(), lostAt);
      return;
    }
    if (!needBaseline && last != null && s.sameReadingAs(last) && !hasPendingWork()
        && unresolvedSince == null) {
      last = s;
      return;
    }
    PrinterState prev = lastState;
    previousObservedAt = last == null ? null : last.observedAt();
    last = s;
    lastState = s.state();
    outbox.retry();
    if (isUnresolved(s.state())) {
      if (unresolvedSince == null) {
        unresolvedSince = s.observedAt();
      } else if (!s.observedAt().isBefore(unresolvedSince.plus(UNRESOLVED_GRACE))) {
        giveUpOnUnresolved(s);
      }
    } else {
      unresolvedSince = null;
    }
    if (prev != s.state()) {
      // before the job events this report causes: an integrator sees PRINTING, then the job
      engine.emit(new PrinternizerEvent.PrinterStateChanged(engine.now(), id, config.name(), prev,
          s.state(), s));
    }
    if (needBaseline) {
      reconcile(s);
      engine.wantBackfill(id); // connected: prints that ended unobserved, from its history
    } else {
      transition(s);
    }
    if (s.state().isActive() && s.reportedStartTime().isPresent()) {
      lastReportedStart = s.reportedStartTime().get(); // remembered to spot reuse by the next run
    }
    link.reached();
    publishView(s, true);
  }

  void onConnectionLost(Instant at, String reason) {
    if (lostAt == null) {
      lostAt = at;
      LOG.info("{}: connection lost ({})", id, reason);
    }
    needBaseline = true;
    link.lost();
    PrinterState prev = lastState;
    lastState = PrinterState.OFFLINE;
    publishView(last, false);
    if (prev != PrinterState.OFFLINE) {
      engine.emit(new PrinternizerEvent.PrinterStateChanged(engine.now(), id, config.name(), prev,
          PrinterState.OFFLINE, null));
      Job open = run == null ? null : run.job;
      if (open != null && open.status().isOpen()) {
        engine.appendOutbox(OutboxRules.offlineMidPrint(open, at));
      }
    }
  }

  /** The driver says why the printer cannot be reached (see DriverContext#connectionProblem). */
  void onConnectionProblem(Instant at, ConnectionProblem.Kind kind, String detail,
      @Nullable Instant retryAt) {
    boolean changed = link.problem(at, kind, detail, retryAt);
    onConnectionLost(at, kind.code() + ": " + detail);
    publishView(last, false);
    if (changed) {
      ConnectionProblem p = link.problem();
      engine.emit(new PrinternizerEvent.PrinterConnectionProblem(engine.now(), id, config.name(),
          p));
      if (p != null) {
        engine.appendOutbox(OutboxRules.connectionProblem(id, p, engine.now()));
      }
    }
  }

  /** The driver skipped an unreadable answer: counted always, logged once per kind per link. */
  void onBadInput(String kind, String detail) {
    link.badInput(kind, detail);
    publishView(last, lastState != PrinterState.OFFLINE && last != null);
  }

  private static boolean isUnresolved(PrinterState state) {
    return state == PrinterState.BUSY || state == PrinterState.ERROR
        || state == PrinterState.UNKNOWN;
  }

  /** The printer stayed BUSY/ERROR/UNKNOWN for the grace period: do not keep a job open forever. */
  private void giveUpOnUnresolved(StatusSnapshot s) {
    Run open = run;
    if (open == null && needBaseline && !everBaselined) {
      try {
        open = engine.store().findOpenJob(id).map(Run::fromJob).orElse(null);
        outbox.ok();
      } catch (RuntimeException e) {
        outbox.failed("looking up the open job", e);
        return;
      }
    }
    if (open != null) {
      closeRun(open, JobStatus.INTERRUPTED, s.observedAt(), "the printer reported "
          + s.state() + " for " + UNRESOLVED_GRACE.toHours() + " hours; no outcome", null);
    }
    run = null;
    needBaseline = false;
    everBaselined = true;
    lostAt = null;
    unresolvedSince = null;
  }

  /** Settings changed: a run without a job may now get one, at once (P9). */
  void reevaluate() {
    if (run != null && run.wantsJob() && last != null && !needBaseline) {
      ensureJob(run, last);
      publishView(last, view.connected());
    }
  }

  /** Writes progress that is still only in memory (on close of the engine). */
  void flush() {
    if (run != null && run.job != null && run.dirty) {
      runs.write(run);
    }
    outbox.retry();
  }

  private boolean hasPendingWork() {
    if (!outbox.isEmpty()) {
      return true;
    }
    if (run == null) {
      return false;
    }
    if (run.skip == Run.Skip.STORE_FAILED) {
      return true;
    }
    return run.job != null && run.dirty && runs.due(run);
  }

  // ---------------------------------------------------------------- first sight

  private void reconcile(StatusSnapshot s) {
    PrinterState state = s.state();
    if (isUnresolved(state)) {
      return; // not definitive: wait for a snapshot that tells what the printer is doing
    }
    Run prev = run;
    if (prev == null && !everBaselined) {
      try {
        Optional<Job> open = engine.store().findOpenJob(id);
        outbox.ok();
        prev = open.map(Run::fromJob).orElse(null);
        if (prev != null) {
          prev.lastWriteTick = engine.ticks();
        }
      } catch (RuntimeException e) {
        outbox.failed("looking up the open job", e);
        return; // try again with the next snapshot
      }
    }
    boolean reconnect = everBaselined;
    Detection detection = reconnect ? Detection.RECONNECT : Detection.STARTUP;
    Instant gapFrom = reconnect ? lostAt : null;
    needBaseline = false;
    everBaselined = true;
    lostAt = null;

    if (state.isActive()) {
      if (prev != null && RunIdentity.sameRun(prev, s, engine.settings().dedupWindow())) {
        run = prev;
        if (gapFrom != null) {
          run.tracking = run.tracking.withGap(new ConnectionGap(gapFrom, s.observedAt()));
          run.dirty = true;
        }
        if (run.tracking.status() == JobStatus.PAUSED && run.pausedSince == null) {
          run.pausedSince = s.observedAt(); // paused across a restart: count from now
        }
        if (run.wantsJob()) {
          ensureJob(run, s);
        }
        runs.update(run, s, true);
        Job continued = run.job;
        if (continued != null) { // after a restart or reconnect: fill in a missing description
          engine.wantPrintFile(id, continued);
        }
      } else {
        if (prev != null) {
          closeRun(prev, JobStatus.INTERRUPTED, s.observedAt(),
              "another print was running when the printer was seen again", null);
        }
        startRun(s, detection);
      }
    } else if (state.isTerminal()) {
      if (prev != null) {
        if (RunIdentity.sameRunForClose(prev, s)) {
          closeRun(prev, outcome(state), s.observedAt(), null, s);
        } else if (anonymous(s)) {
          // after a gap (link or engine down) an end state that names no print may be another
          // print's (one that ran unseen), or one a driver derived after the printer restarted:
          // never taken as this job's; the printer's claim stays in the reason
          closeRun(prev, JobStatus.INTERRUPTED, s.observedAt(), "the printer showed " + state
              + " without naming the print when it was seen again; not taken as this job's"
              + " outcome, as another print may have ended unseen", null);
        } else {
          closeRun(prev, JobStatus.INTERRUPTED, s.observedAt(),
              "ended while not observed; the printer shows the outcome of another print", null);
        }
      }
      run = null;
    } else {
      if (prev != null) {
        closeRun(prev, JobStatus.INTERRUPTED, s.observedAt(), state != PrinterState.IDLE
            ? "a new print was being prepared when the printer was seen again"
            : reconnect && anonymous(s) ? RESTARTED
            : "the printer was idle when seen again; it reported no outcome", null);
      }
      run = null;
    }
  }

  /** A report that names neither a file nor a printer job id. */
  private static boolean anonymous(StatusSnapshot s) {
    return !RunIdentity.names(s) && s.printerJobId().isEmpty();
  }

  // ---------------------------------------------------------------- live transitions

  private void transition(StatusSnapshot s) {
    PrinterState state = s.state();
    if (state.isActive()) {
      if (run != null && RunIdentity.sameLiveRun(run, s)) {
        if (run.wantsJob()) {
          ensureJob(run, s);
        }
        runs.update(run, s, false);
      } else {
        if (run != null) {
          closeRun(run, JobStatus.INTERRUPTED, s.observedAt(),
              "superseded by a new print before the printer reported an outcome", null);
        }
        startRun(s, Detection.LIVE);
      }
    } else if (state.isTerminal()) {
      if (run != null && RunIdentity.namesAnotherRun(run, s)) {
        // the outcome of another print (a different printer job id): not this job's
        closeRun(run, JobStatus.INTERRUPTED, s.observedAt(), "the printer reported " + state
            + " for another print (" + s.printerJobId().map(i -> "job " + i)
                .orElse(s.displayName().or(s::fileName).orElse("?"))
            + "); this print ended without an outcome",
            null);
      } else if (run != null) {
        closeRun(run, outcome(state), s.observedAt(), null, s);
      }
      run = null;
    } else if (state == PrinterState.IDLE || state == PrinterState.PREPARING) {
      if (run != null) {
        closeRun(run, JobStatus.INTERRUPTED, s.observedAt(), state == PrinterState.IDLE
            ? "the printer went idle without reporting an outcome"
            : "a new print was prepared before the printer reported an outcome", null);
        run = null;
      }
    }
    // BUSY, ERROR, UNKNOWN: the print (if any) stays open
  }

  // ---------------------------------------------------------------- run lifecycle

  private void startRun(StatusSnapshot s, Detection detection) {
    Instant reported = RunIdentity.plausibleReportedStart(s, detection, previousObservedAt,
        lastReportedStart);
    Instant engineStart = RunIdentity.engineStart(s, detection);
    Instant start;
    if (reported != null) {
      start = reported;
    } else if (s.elapsed().isPresent()) {
      start = s.observedAt().minus(s.elapsed().get())
          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // derived once, then frozen (P13)
    } else {
      start = s.observedAt();
    }
    if (start.isAfter(s.observedAt())) {
      start = s.observedAt();
    }
    String file = s.fileName().orElse(null);
    boolean system = RunIdentity.isSystem(s);
    Tracking t = Tracking.started(RunTracking.statusOf(s), start)
        .withProgress(s.progress().orElse(0.0),
        s.remaining().orElse(null), s.layer().orElse(null), s.totalLayers().orElse(null));
    Run r = new Run(s.printerJobId().orElse(null), file, s.displayName().orElse(null), reported,
        s.observedAt(), detection, system, t);
    r.engineStart = engineStart;
    if (s.state() == PrinterState.PAUSED) {
      r.pausedSince = s.observedAt();
    }
    r.runKey = RunIdentity.runKey(r.printerJobId, r.normFile, reported, start);
    run = r;
    LOG.debug("{}: new run {} ({})", id, r.runKey, detection);
    ensureJob(r, s);
  }

  private void ensureJob(Run r, StatusSnapshot s) {
    if (!r.wantsJob()) {
      return;
    }
    if (r.system && engine.settings().skipSystemJobs()) {
      r.skip = Run.Skip.SYSTEM;
      return;
    }
    if (!engine.settings().autoCreate(id)) {
      r.skip = Run.Skip.DISABLED;
      return;
    }
    try {
      resolveJob(r, s);
      outbox.ok();
    } catch (RuntimeException e) {
      r.skip = Run.Skip.STORE_FAILED;
      outbox.failed("creating the job for " + r.printName(), e);
    }
  }

  private void resolveJob(Run r, StatusSnapshot s) {
    JobResolver.Resolution found = resolver.resolve(r, s);
    if (found instanceof JobResolver.Existing) {
      JobResolver.Existing e = (JobResolver.Existing) found;
      r.runKey = e.runKey();
      runs.adopt(r, e.job(), s);
      engine.wantPrintFile(id, e.job());
    } else if (found instanceof JobResolver.Adopted) {
      Job job = ((JobResolver.Adopted) found).job();
      attach(r, job);
      engine.emit(new PrinternizerEvent.JobAdopted(engine.now(), job, config.name()));
      engine.wantPrintFile(id, job);
    } else if (found instanceof JobResolver.Created) {
      JobResolver.Created c = (JobResolver.Created) found;
      r.runKey = c.runKey();
      attach(r, c.job());
      r.dirty = false;
      engine.emit(new PrinternizerEvent.JobAutoCreated(engine.now(), c.job(), config.name(),
          Objects.requireNonNullElse(r.printName(), UNNAMED), r.detection == Detection.STARTUP));
      engine.wantPrintFile(id, c.job()); // after the job exists: never delays its creation
    } else {
      r.runKey = ((JobResolver.AlreadyRecorded) found).runKey();
      r.skip = Run.Skip.RECORDED;
    }
  }

  private void attach(Run r, Job job) {
    r.job = job;
    r.skip = Run.Skip.NONE;
    r.lastWriteTick = engine.ticks();
    engine.learn(id, r.runKey, job.id());
  }

  /**
   * The store retry timer fired (on the lane) and the pending writes were tried: the run that
   * could not get its job, or its progress, is tried too, without waiting for a report.
   */
  /** Closes a run's job (see {@link RunTracking#close}); the tracker forgets the run. */
  private void closeRun(Run r, JobStatus outcome, Instant at, @Nullable String reason,
      @Nullable StatusSnapshot terminal) {
    if (r == run) {
      run = null;
    }
    runs.close(r, outcome, at, reason, terminal);
  }

  private void afterStoreRetry() {
    if (last == null) {
      return;
    }
    if (needBaseline && lastState != PrinterState.OFFLINE) {
      reconcile(last);
    } else if (run != null && run.skip == Run.Skip.STORE_FAILED && !needBaseline) {
      ensureJob(run, last);
    } else if (run != null && run.job != null && run.dirty) {
      runs.write(run);
    }
    publishView(last, lastState != PrinterState.OFFLINE);
  }

  /** The engine closes or the printer is removed: no more timers. */
  void stop() {
    outbox.stop();
  }

  private static JobStatus outcome(PrinterState state) {
    switch (state) {
      case FINISHED: return JobStatus.COMPLETED;
      case FAILED: return JobStatus.FAILED;
      case CANCELLED: return JobStatus.CANCELLED;
      default: throw new IllegalArgumentException("not terminal: " + state);
    }
  }
}
