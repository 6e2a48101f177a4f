package dev.printernizer.internal.engine;

import dev.printernizer.api.Detection;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the engine believes about the print a printer is running now. Confined to its lane. */
final class Run {
  /** Why a run has no job. */
  enum Skip { NONE, DISABLED, SYSTEM, RECORDED, STORE_FAILED }

  /** The printer's own job id, or null. */
  final @Nullable String printerJobId;
  /** The file as the printer reported it, or null. */
  final @Nullable String fileName;
  /** The name the printer shows for the print, when it is not the file's, or null. */
  final @Nullable String displayName;
  /** The dedup key of the print's name (display name, else file name). */
  final @Nullable String normFile;
  /** The start time the printer reported, or null. */
  @Nullable Instant reportedStart;
  /** The start in engine time (for the adoption window), or null for runs from the store. */
  @Nullable Instant engineStart;
  final Instant discoveryTime;
  final Detection detection;
  final boolean system;
  /** False for runs rebuilt from the store, which does not keep the printer's system flag. */
  boolean systemKnown = true;
  @Nullable String runKey;
  @Nullable Job job;
  Skip skip = Skip.NONE;
  Tracking tracking;
  long lastWriteTick;
  boolean dirty;
  @Nullable Instant pausedSince;

  Run(@Nullable String printerJobId, @Nullable String fileName, @Nullable String displayName,
      @Nullable Instant reportedStart, Instant discoveryTime, Detection detection, boolean system,
      Tracking tracking) {
    this(printerJobId, fileName, displayName, displayName != null
        ? FileNames.normalize(displayName) : fileName == null ? null
        : FileNames.normalize(fileName), reportedStart, discoveryTime, detection, system,
        tracking);
  }

  private Run(@Nullable String printerJobId, @Nullable String fileName,
      @Nullable String displayName, @Nullable String normFile,
      @Nullable Instant reportedStart, Instant discoveryTime, Detection detection, boolean system,
      Tracking tracking) {
    this.printerJobId = printerJobId;
    this.fileName = fileName;
    this.displayName = displayName;
    this.normFile = normFile;
    this.reportedStart = reportedStart;
    this.discoveryTime = discoveryTime;
    this.detection = detection;
    this.system = system;
    this.tracking = tracking;
  }

  /** A run rebuilt from a stored open job (after a restart). */
  static Run fromJob(Job job) {
    RunLink link = job.run().orElseThrow();
    Run r = new Run(link.printerJobId(), job.fileName().orElse(null), null,
        job.normalizedFile().orElse(null), link.printerStartTime(), link.discoveryTime(),
        link.detection(), job.fileName().map(FileNames::isSystemFile).orElse(false),
        job.tracking());
    r.systemKnown = false;
    r.runKey = link.runKey();
    r.job = job;
    return r;
  }

  /** @return the print's name for people: the display name, else the file name, or null */
  @Nullable String printName() {
    return displayName != null ? displayName : fileName;
  }

  Instant start() {
    return tracking.startTime().orElse(discoveryTime);
  }

  boolean wantsJob() {
    return job == null && skip != Skip.RECORDED;
  }

  @Override
  public String toString() {
    return "Run{" + runKey + ", file=" + fileName + ", jobId=" + printerJobId + ", job="
        + (job == null ? skip : job.id()) + "}";
  }
}
