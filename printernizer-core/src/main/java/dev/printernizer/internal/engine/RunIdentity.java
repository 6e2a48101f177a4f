package dev.printernizer.internal.engine;

import dev.printernizer.api.Detection;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Run identity, as pure functions: whether a report belongs to the run the engine tracks (live,
 * after missed events, or as its end), whether another process's open job is this run, which
 * printer-reported start is plausible, and the run key a job is stored under. No state, no I/O.
 */
final class RunIdentity {
  /** Progress may go back this much (points) and still be the same run after a restart. */
  static final double PROGRESS_TOLERANCE = 5.0;
  /** A printer-reported start this much before the previous report cannot be a live start. */
  static final Duration LIVE_START_SLACK = Duration.ofMinutes(10);

  private RunIdentity() {}

  /**
   * The dedup key of the print a report names: of the name the printer shows for it (Bambu
   * {@code subtask_name}), else of its file name; null when it names none.
   */
  /** Whether the report names a print by file or display name. */
  static boolean names(StatusSnapshot s) {
    return s.fileName().isPresent() || s.displayName().isPresent();
  }

  static @Nullable String identity(StatusSnapshot s) {
    return s.displayName().or(s::fileName).map(FileNames::normalize).orElse(null);
  }

  /** A calibration or system job and a user print are never the same run. */
  static boolean isSystem(StatusSnapshot s) {
    return s.systemJob() || s.fileName().map(FileNames::isSystemFile).orElse(false);
  }

  /** Live: the printer's id decides when both sides have one, else the file. */
  static boolean sameLiveRun(Run r, StatusSnapshot s) {
    if (names(s) && r.systemKnown && r.system != isSystem(s)) {
      return false;
    }
    String sid = s.printerJobId().orElse(null);
    if (r.printerJobId != null && sid != null) {
      return r.printerJobId.equals(sid);
    }
    String file = identity(s);
    return file == null || r.normFile == null || file.equals(r.normFile);
  }

  /** After missing events: ids, else file plus progress, layers and elapsed time must fit. */
  static boolean sameRun(Run r, StatusSnapshot s, Duration window) {
    if (names(s) && r.systemKnown && r.system != isSystem(s)) {
      return false;
    }
    String sid = s.printerJobId().orElse(null);
    boolean idsEqual = r.printerJobId != null && sid != null && r.printerJobId.equals(sid);
    if (r.printerJobId != null && sid != null && !idsEqual) {
      return false;
    }
    String file = identity(s);
    if (idsEqual ? (file != null && r.normFile != null && !file.equals(r.normFile))
        : !Objects.equals(file, r.normFile)) {
      return false; // an equal id is necessary, not sufficient: printers reuse ids
    }
    if (s.progress().isPresent()
        && s.progress().get() < r.tracking.progress() - PROGRESS_TOLERANCE) {
      return false;
    }
    if (s.totalLayers().isPresent() && r.tracking.totalLayers().isPresent()
        && !s.totalLayers().get().equals(r.tracking.totalLayers().get())) {
      return false;
    }
    if (s.elapsed().isPresent()) {
      Instant derived = s.observedAt().minus(s.elapsed().get());
      // time_printing excludes pauses: the derived start can be later than the real one, never
      // much earlier
      return !derived.isBefore(r.start().minus(window));
    }
    return true;
  }

  /**
   * Live: an end state that names another print than the run's (another printer job id, or,
   * when either side has no id, another file) is that print's end, not the run's.
   */
  static boolean namesAnotherRun(Run r, StatusSnapshot s) {
    String sid = s.printerJobId().orElse(null);
    if (r.printerJobId != null && sid != null) {
      return !r.printerJobId.equals(sid);
    }
    String file = identity(s);
    return file != null && r.normFile != null && !file.equals(r.normFile);
  }

  /** A terminal state closes the run with its outcome only if it is recognisably that run. */
  static boolean sameRunForClose(Run r, StatusSnapshot s) {
    String sid = s.printerJobId().orElse(null);
    if (r.printerJobId != null && sid != null) {
      return r.printerJobId.equals(sid);
    }
    String file = identity(s);
    if (file == null || !file.equals(r.normFile)) {
      return false;
    }
    return s.totalLayers().isEmpty() || r.tracking.totalLayers().isEmpty()
        || s.totalLayers().get().equals(r.tracking.totalLayers().get());
  }

  /** Whether another process's open job is this run. */
  static boolean conflictIsSameRun(Job other, Run r, StatusSnapshot s, Duration window) {
    Run o = Run.fromJob(other);
    if (r.printerJobId != null && o.printerJobId != null) {
      return r.printerJobId.equals(o.printerJobId);
    }
    if (!Objects.equals(r.normFile, o.normFile)) {
      return false;
    }
    if (r.detection == Detection.LIVE) {
      Duration diff = Duration.between(o.start(), r.start()).abs();
      return diff.compareTo(window) <= 0;
    }
    return sameRun(o, s, window);
  }

  static @Nullable Instant plausibleReportedStart(StatusSnapshot s, Detection detection,
      @Nullable Instant previousObservedAt, @Nullable Instant lastReportedStart) {
    Instant rs = s.reportedStartTime().orElse(null);
    if (rs == null) {
      return null;
    }
    if (detection == Detection.LIVE && previousObservedAt != null
        && rs.isBefore(previousObservedAt.minus(LIVE_START_SLACK))) {
      return null; // a print seen starting cannot have started long before the last report
    }
    if (rs.isAfter(s.observedAt().plus(Duration.ofMinutes(1)))) {
      return null; // in the future: the printer clock is off
    }
    if (rs.equals(lastReportedStart)) {
      return null; // reused from the previous run (Bambu LAN reprints)
    }
    return rs;
  }

  static String runKey(@Nullable String printerJobId, @Nullable String normFile,
      @Nullable Instant reportedStart, Instant start) {
    String file = RunNames.keyFile(normFile);
    if (printerJobId != null) {
      return "id:" + printerJobId + "|" + file;
    }
    if (reportedStart != null) {
      return "rs:" + reportedStart.getEpochSecond() + "|" + file;
    }
    return "t:" + start.getEpochSecond() + "|" + file;
  }

  /** The start in engine time: observed minus elapsed (frozen), or when it was seen. */
  static Instant engineStart(StatusSnapshot s, Detection detection) {
    if (detection != Detection.LIVE && s.elapsed().isPresent()) {
      Instant derived = s.observedAt().minus(s.elapsed().get())
          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      return derived.isAfter(s.observedAt()) ? s.observedAt() : derived;
    }
    return s.observedAt();
  }
}
