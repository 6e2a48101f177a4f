package dev.printernizer.outbox;

import dev.printernizer.api.JobStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * What an outbox entry reports. A destination subscribes to the events it wants
 * ({@link Destination#events()}); the wire name is what configuration files and payloads use.
 *
 * @since 0.4
 */
public enum OutboxEvent {
  /** A job was created automatically for a print that started (P16). */
  JOB_AUTO_CREATED,
  /** A job a person planned was linked to the print that started (P8). */
  JOB_ADOPTED,
  /** A tracked print was paused. */
  JOB_PAUSED,
  /** A paused print runs again. */
  JOB_RESUMED,
  /** The print completed. */
  JOB_COMPLETED,
  /** The printer reported the print failed. */
  JOB_FAILED,
  /** The print was cancelled. */
  JOB_CANCELLED,
  /** The print was closed without an outcome from the printer (P11), with the reason. */
  JOB_INTERRUPTED,
  /**
   * The filament a closed job used became known (at the close, or when the print file's
   * description arrived after it). Reported once per job, whatever happens later: the event
   * Spoolman deducts from.
   */
  FILAMENT_USED,
  /** The printer could no longer be reached while it was printing a tracked job. */
  PRINTER_OFFLINE_MID_PRINT,
  /** A printer cannot be reached and its driver says why (wrong access code, certificate...). */
  PRINTER_CONNECTION_PROBLEM;

  /**
   * @return the snake_case name, e.g. {@code job_completed}
   * @since 0.4
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return whether the event closes a job
   * @since 0.4
   */
  public boolean closesJob() {
    return this == JOB_COMPLETED || this == JOB_FAILED || this == JOB_CANCELLED
        || this == JOB_INTERRUPTED;
  }

  /**
   * @param wireName a snake_case name ({@code job_completed}) or the constant's name
   * @return the event, or empty for an unknown name
   * @since 0.4
   */
  public static Optional<OutboxEvent> parse(String wireName) {
    String n = wireName.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (OutboxEvent e : values()) {
      if (e.name().equals(n)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * @param status a closed status
   * @return the event that reports closing a job with it
   * @throws IllegalArgumentException if the status is not closed
   * @since 0.4
   */
  public static OutboxEvent closing(JobStatus status) {
    switch (status) {
      case COMPLETED:
        return JOB_COMPLETED;
      case FAILED:
        return JOB_FAILED;
      case CANCELLED:
        return JOB_CANCELLED;
      case INTERRUPTED:
        return JOB_INTERRUPTED;
      default:
        throw new IllegalArgumentException(status + " does not close a job");
    }
  }
}
