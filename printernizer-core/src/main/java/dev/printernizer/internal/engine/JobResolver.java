package dev.printernizer.internal.engine;

import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.StoreResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the job of a print run against the store: the run-key cache, adoption of a manual
 * job, or creation exactly once per run key. Says what it found as a {@link Resolution}; the
 * tracker applies it (events, run state). Confined to the printer's lane.
 */
final class JobResolver {
  /** How many run-key suffixes to try when a printer reuses an identity for a new run. */
  static final int MAX_KEY_ATTEMPTS = 20;

  /** What {@link #resolve} found. */
  sealed interface Resolution permits Existing, Adopted, Created, AlreadyRecorded {}

  /** A job for this run exists already (restart, reconnect, another instance): track it. */
  record Existing(Job job, String runKey) implements Resolution {}

  /** A manual job was adopted for this run. */
  record Adopted(Job job) implements Resolution {}

  /** A job was created for this run under this key. */
  record Created(Job job, String runKey) implements Resolution {}

  /** The run was recorded and closed already (the engine interrupted it, then saw it again). */
  record AlreadyRecorded(String runKey) implements Resolution {}

  private final PrinterId id;
  private final Engine engine;
  private final StoreOutbox outbox;

  JobResolver(PrinterId id, Engine engine, StoreOutbox outbox) {
    this.id = id;
    this.engine = engine;
    this.outbox = outbox;
  }

  /**
   * Finds or makes the job of a run: a job this engine learned for its key, a manual job to
   * adopt (P8), or a new one, exactly once per run key (P1, P18). May close another process's
   * stale open job of the printer on the way.
   *
   * @throws RuntimeException when the store fails (the caller retries)
   */
  Resolution resolve(Run r, StatusSnapshot s) {
    String runKey = Objects.requireNonNull(r.runKey, "a run is resolved once it has a key");
    // 1. a key this engine learned recently
    String cached = engine.cachedJobId(id, runKey);
    if (cached != null) {
      Optional<Job> j = engine.store().get(cached);
      if (j.isPresent() && j.get().status().isOpen()) {
        return new Existing(j.get(), runKey);
      }
    }
    // an earlier run's close must be written first, or its open job would look like this run's
    outbox.retry();
    if (outbox.hasPendingCloses()) {
      throw new IllegalStateException("the close of an earlier job is still pending");
    }
    // 2. a manual job created for this print shortly before it started (P8); the window is in
    // engine time (when the print was seen to start), as the manual job's creation time is
    if (r.normFile != null) {
      Duration window = engine.settings().dedupWindow();
      Instant at = r.engineStart != null ? r.engineStart : r.discoveryTime;
      List<Job> candidates = engine.store().findAdoptionCandidates(id, r.normFile,
          at.minus(window), at.plus(window));
      for (Job c : candidates) {
        StoreResult res = engine.store().adopt(c.id(), link(r, runKey), r.tracking);
        if (res.outcome() == StoreResult.Outcome.ADOPTED) {
          return new Adopted(res.requireJob());
        }
        if (res.outcome() != StoreResult.Outcome.REJECTED) {
          break; // the run already has a job, or the printer has an open one: handled below
        }
      }
    }
    // 3. create, exactly once per run key
    String baseKey = runKey;
    int attempt = 0;
    int conflicts = 0;
    while (attempt < MAX_KEY_ATTEMPTS) {
      String key = attempt == 0 ? baseKey : baseKey + "#" + (attempt + 1);
      Job candidate = newJob(r, key);
      StoreResult res = engine.store().createIfAbsent(candidate);
      switch (res.outcome()) {
        case CREATED:
          return new Created(res.requireJob(), key);
        case EXISTING: {
          Job j = res.requireJob();
          if (j.status().isOpen()) {
            return new Existing(j, key);
          }
          // a job the printer closed with an outcome is over: the printer shows a new print.
          // Only a job the engine closed without an outcome may be this print, seen again.
          if (j.status() == JobStatus.INTERRUPTED && r.detection != Detection.LIVE
              && RunIdentity.sameRunForClose(Run.fromJob(j), s)
              && s.progress().orElse(0.0) >= j.tracking().progress()
                  - RunIdentity.PROGRESS_TOLERANCE) {
            return new AlreadyRecorded(key); // the run was recorded and closed already
          }
          if (r.reportedStart != null && j.run().isPresent()
              && r.reportedStart.equals(j.run().get().printerStartTime())) {
            // the printer reused the previous print's start time: do not trust it
            r.reportedStart = null;
            r.tracking = r.tracking.withStartTime(r.engineStart != null ? r.engineStart
                : r.discoveryTime);
          }
          attempt++; // the printer reused an identity for a new run: next suffix
          break;
        }
        case OPEN_CONFLICT: {
          Job other = res.requireJob();
          if (RunIdentity.conflictIsSameRun(other, r, s, engine.settings().dedupWindow())) {
            return new Existing(other, other.run().map(RunLink::runKey).orElse(key));
          }
          if (++conflicts > 3) {
            throw new IllegalStateException("printer " + id + " keeps another open job "
                + other.id() + "; cannot open a job for " + r.printName());
          }
          Tracking closed = other.tracking().closed(JobStatus.INTERRUPTED, r.start(),
              "superseded by a new print before the printer reported an outcome");
          engine.store().updateTracking(other.id(), closed).ifPresent(j -> {
            if (j.status().isClosed()) {
              engine.emit(new PrinternizerEvent.JobClosed(engine.now(), j));
            }
          });
          break; // retry the same key
        }
        default:
          throw new IllegalStateException("unexpected store answer " + res.outcome());
      }
    }
    throw new IllegalStateException("no free run key for " + baseKey + " after "
        + MAX_KEY_ATTEMPTS + " attempts");
  }

  /** A new auto-created job for the run under this key. */
  Job newJob(Run r, String key) {
    return Job.builder(engine.newJobId(), id, RunNames.jobName(r.printName()), engine.now())
        .fileName(r.fileName != null ? r.fileName : r.displayName) // as reported
        .normalizedFile(r.normFile) // the print's identity: its display name when it has one
        .autoCreated(true)
        .run(link(r, key))
        .tracking(r.tracking)
        .build();
  }

  static RunLink link(Run r, String key) {
    return new RunLink(key, r.printerJobId, r.detection, r.discoveryTime, r.reportedStart);
  }
}
