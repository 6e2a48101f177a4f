package dev.printernizer.internal.engine;

import dev.printernizer.api.Detection;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.time.Instant;

/** What the engine believes about the print a printer is running now. Confined to its lane. */
final class Run {
  /** Why a run has no job. */
  enum Skip { NONE, DISABLED, SYSTEM, RECORDED, STORE_FAILED }

  final String printerJobId;
  final String fileName;
  final String normFile;
  Instant reportedStart;
  /** The start in engine time (for the adoption window), or null for runs from the store. */
  Instant engineStart;
  final Instant discoveryTime;
  final Detection detection;
  final boolean system;
  /** False for runs rebuilt from the store, which does not keep the printer's system flag. */
  boolean systemKnown = true;
  String runKey;
  Job job;
  Skip skip = Skip.NONE;
  Tracking tracking;
  long lastWriteTick;
  boolean dirty;
  Instant pausedSince;

  Run(String printerJobId, String fileName, Instant reportedStart, Instant discoveryTime,
      Detection detection, boolean system, Tracking tracking) {
    this.printerJobId = printerJobId;
    this.fileName = fileName;
    this.normFile = fileName == null ? null : FileNames.normalize(fileName);
    this.reportedStart = reportedStart;
    this.discoveryTime = discoveryTime;
    this.detection = detection;
    this.system = system;
    this.tracking = tracking;
  }

  /** A run rebuilt from a stored open job (after a restart). */
  static Run fromJob(Job job) {
    RunLink link = job.run().orElseThrow();
    Run r = new Run(link.printerJobId(), job.fileName().orElse(null), link.printerStartTime(),
        link.discoveryTime(), link.detection(),
        job.fileName().map(FileNames::isSystemFile).orElse(false), job.tracking());
    r.systemKnown = false;
    r.runKey = link.runKey();
    r.job = job;
    return r;
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
