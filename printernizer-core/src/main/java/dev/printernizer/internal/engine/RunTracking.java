package dev.printernizer.internal.engine;

import dev.printernizer.api.ConnectionGap;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
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
 * A run's job record over its life: taking over an existing job's tracking, status, pauses and
 * progress as reports arrive (status changes written at once, progress at most every
 * {@code job_progress_write_interval}), and the final tracking when it closes (P10). Failed
 * writes go to the printer's {@link StoreOutbox}. Confined to the printer's lane.
 */
final class RunTracking {
  private static final Logger LOG = LoggerFactory.getLogger(RunTracking.class);

  private final PrinterId id;
  private final Engine engine;
  private final StoreOutbox outbox;
  private final JobResolver resolver;

  RunTracking(PrinterId id, Engine engine, StoreOutbox outbox, JobResolver resolver) {
    this.id = id;
    this.engine = engine;
    this.outbox = outbox;
    this.resolver = resolver;
  }

  /** Track a job that already exists for this run (after a restart, or another instance's). */
  void adopt(Run r, Job j, StatusSnapshot s) {
    r.job = j;
    r.skip = Run.Skip.NONE;
    Instant start = j.tracking().startTime().orElse(r.start());
    Tracking t = j.tracking().withStartTime(start).withStatus(statusOf(s))
        .withProgress(s.progress().orElse(j.tracking().progress()), s.remaining().orElse(null),
            s.layer().orElse(null),
            s.totalLayers().orElse(j.tracking().totalLayers().orElse(null)));
    for (ConnectionGap g : r.tracking.gaps()) {
      if (!t.gaps().contains(g)) {
        t = t.withGap(g);
      }
    }
    r.tracking = t;
    r.dirty = !t.equals(j.tracking());
    r.lastWriteTick = engine.ticks();
    engine.learn(id, r.runKey, j.id());
  }

  void update(Run r, StatusSnapshot s, boolean forceWrite) {
    JobStatus newStatus = statusOf(s);
    Tracking t = r.tracking;
    JobStatus oldStatus = t.status();
    if (oldStatus != newStatus) {
      if (newStatus == JobStatus.PAUSED) {
        r.pausedSince = s.observedAt();
      } else if (r.pausedSince != null) {
        t = t.withPause(nonNegative(Duration.between(r.pausedSince, s.observedAt())));
        r.pausedSince = null;
      }
      t = t.withStatus(newStatus);
    }
    t = t.withProgress(s.progress().orElse(t.progress()),
        s.remaining().orElse(t.remaining().orElse(null)), s.layer().orElse(t.layer().orElse(null)),
        s.totalLayers().orElse(t.totalLayers().orElse(null)));
    if (!t.equals(r.tracking)) {
      r.tracking = t;
      r.dirty = true;
    }
    if (r.job == null || r.job.status().isClosed()) {
      return;
    }
    if (oldStatus != newStatus || forceWrite) {
      if (r.dirty && write(r) && oldStatus != newStatus) {
        engine.emit(new PrinternizerEvent.JobStatusChanged(engine.now(), r.job, oldStatus));
      }
    } else if (r.dirty && due(r)) {
      write(r);
    }
  }

  /** Whether the run's unwritten progress is due (job_progress_write_interval). */
  boolean due(Run r) {
    long interval = engine.settings().progressWriteInterval().toNanos();
    return engine.ticks() - r.lastWriteTick >= interval;
  }

  /** Writes the run's tracking; false when the store failed or the job is gone. */
  boolean write(Run r) {
    Job job = Objects.requireNonNull(r.job, "a run without a job has nothing to write");
    try {
      Optional<Job> j = engine.store().updateTracking(job.id(), r.tracking);
      outbox.ok();
      r.lastWriteTick = engine.ticks();
      r.dirty = false;
      if (j.isEmpty()) {
        LOG.info("{}: job {} was deleted while its print runs; it is not recreated", id,
            job.id());
        r.job = null;
        r.skip = Run.Skip.RECORDED;
        return false;
      }
      r.job = j.get();
      return true;
    } catch (RuntimeException e) {
      outbox.failed("updating job " + job.id(), e);
      return false;
    }
  }

  /**
   * Closes a run's job. {@code terminal} is the snapshot that reported the outcome, whose final
   * progress and layer count (P10), or null.
   */
  void close(Run r, JobStatus outcome, Instant at, @Nullable String reason,
      @Nullable StatusSnapshot terminal) {
    boolean unrecorded = r.job == null && r.skip == Run.Skip.STORE_FAILED;
    if (r.job == null && !unrecorded) {
      return;
    }
    Tracking t = r.tracking;
    if (r.pausedSince != null) {
      t = t.withPause(nonNegative(Duration.between(r.pausedSince, at)));
      r.pausedSince = null;
    }
    if (terminal != null && terminal.progress().isPresent()
        && terminal.progress().get() > t.progress()) {
      t = t.withProgress(terminal.progress().get(), t.remaining().orElse(null),
          terminal.layer().orElse(t.layer().orElse(null)), t.totalLayers().orElse(null));
    }
    if (outcome == JobStatus.COMPLETED) {
      t = t.withProgress(100.0, Duration.ZERO, t.layer().orElse(null),
          t.totalLayers().orElse(null));
    }
    t = t.closed(outcome, at, reason);
    if (unrecorded) {
      // the run happened while the store was unreachable: record it, closed, when it is back
      outbox.record(resolver.newJob(r, Objects.requireNonNull(r.runKey, "a run has a key"))
          .toBuilder().tracking(t).build());
      return;
    }
    outbox.close(Objects.requireNonNull(r.job, "a recorded run has a job").toBuilder()
        .tracking(t).build());
  }

  static JobStatus statusOf(StatusSnapshot s) {
    return s.state() == PrinterState.PAUSED ? JobStatus.PAUSED : JobStatus.RUNNING;
  }

  static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
