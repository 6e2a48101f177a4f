package dev.printernizer.spi;

import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A print that ended, as the printer's own history records it: what a
 * {@link PrintHistoryReader} reports for backfill.
 *
 * @param printerJobId the printer's id of the job (Moonraker's history {@code job_id}); unique per
 *     printer, it decides that a past print is imported once
 * @param fileName the file as the printer names it
 * @param start when the print started
 * @param end when it ended
 * @param outcome {@link JobStatus#COMPLETED}, {@link JobStatus#FAILED} or
 *     {@link JobStatus#CANCELLED}
 * @param printingTime printing time without pauses, if the printer knows it
 * @param printFile what the print's file said (estimated time, filament, slicer), as the history
 *     kept it, or null; the imported job's filament and cost come from it
 * @param progress how far the print got, 0 to 100, if the printer knows it (a completed print
 *     counts as 100); a failed or cancelled print's filament is its plan times this share
 * @since 0.4
 */
public record PastPrint(String printerJobId, String fileName, Instant start, Instant end,
    JobStatus outcome, @Nullable Duration printingTime, @Nullable PrintFile printFile,
    @Nullable Double progress) {

  /**
   * A past print without its file's description or progress.
   *
   * @param printerJobId the printer's job id, not blank
   * @param fileName the file, not blank
   * @param start the start
   * @param end the end, not before the start
   * @param outcome COMPLETED, FAILED or CANCELLED
   * @param printingTime printing time, or null
   */
  public PastPrint(String printerJobId, String fileName, Instant start, Instant end,
      JobStatus outcome, @Nullable Duration printingTime) {
    this(printerJobId, fileName, start, end, outcome, printingTime, null, null);
  }

  /**
   * Checks the fields.
   *
   * @param printerJobId the printer's job id, not blank
   * @param fileName the file, not blank
   * @param start the start
   * @param end the end, not before the start
   * @param outcome COMPLETED, FAILED or CANCELLED
   * @param printingTime printing time, or null
   * @param printFile the file's description, or null
   * @param progress 0 to 100, or null
   */
  public PastPrint {
    if (progress != null && !(progress >= 0 && progress <= 100)) {
      throw new IllegalArgumentException("a past print's progress is 0 to 100, was " + progress);
    }
    Objects.requireNonNull(printerJobId, "printerJobId");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(outcome, "outcome");
    if (printerJobId.isBlank() || fileName.isBlank()) {
      throw new IllegalArgumentException("a past print needs the printer's job id and its file");
    }
    if (outcome != JobStatus.COMPLETED && outcome != JobStatus.FAILED
        && outcome != JobStatus.CANCELLED) {
      throw new IllegalArgumentException("a past print ended COMPLETED, FAILED or CANCELLED, not "
          + outcome);
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("a past print cannot end before it started");
    }
  }
}
