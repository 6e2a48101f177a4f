package dev.printernizer.spi;

import dev.printernizer.api.JobStatus;
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
 * @since 0.4
 */
public record PastPrint(String printerJobId, String fileName, Instant start, Instant end,
    JobStatus outcome, @Nullable Duration printingTime) {
  /**
   * Checks the fields.
   *
   * @param printerJobId the printer's job id, not blank
   * @param fileName the file, not blank
   * @param start the start
   * @param end the end, not before the start
   * @param outcome COMPLETED, FAILED or CANCELLED
   * @param printingTime printing time, or null
   */
  public PastPrint {
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
