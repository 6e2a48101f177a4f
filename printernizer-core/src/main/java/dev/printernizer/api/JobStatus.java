package dev.printernizer.api;

/**
 * The status of a job record.
 *
 * @since 0.1
 */
public enum JobStatus {
  /** Created by a person for a print that has not started; may be adopted by a run. */
  PLANNED,
  /** The print is running. */
  RUNNING,
  /** The print is paused. */
  PAUSED,
  /** The print finished successfully. */
  COMPLETED,
  /** The print failed. */
  FAILED,
  /** The print was cancelled. */
  CANCELLED,
  /** The run ended without the printer telling the outcome (see the job's close reason). */
  INTERRUPTED;

  /**
   * @return whether the job is open (running or paused)
   * @since 0.1
   */
  public boolean isOpen() {
    return this == RUNNING || this == PAUSED;
  }

  /**
   * @return whether the job is closed for good
   * @since 0.1
   */
  public boolean isClosed() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == INTERRUPTED;
  }

  /**
   * @return the lower case wire name ("running", "completed", ...)
   * @since 0.1
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @param name e.g. "running"
   * @return the status
   * @throws IllegalArgumentException naming the allowed values when the name is unknown
   * @since 0.1
   */
  public static JobStatus fromWireName(String name) {
    for (JobStatus s : values()) {
      if (s.name().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown job status '" + name
        + "': use planned, running, paused, completed, failed, cancelled or interrupted");
  }
}
