package dev.printernizer.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An event the engine hands to every {@code Notifier}: a job was auto-created, adopted, changed
 * status or was closed, or a printer changed state.
 *
 * <p>New event types may be added in minor versions: handle the ones you know and ignore the
 * rest (do not treat the set as closed).
 *
 * @since 0.1
 */
@DoNotImplement
public interface PrinternizerEvent {
  /**
   * @return when the engine produced the event (from the injected clock)
   * @since 0.1
   */
  Instant at();

  /**
   * @return the printer the event is about
   * @since 0.1
   */
  PrinterId printerId();

  /**
   * @return a stable snake_case name, e.g. {@code job_auto_created}
   * @since 0.1
   */
  String type();

  /**
   * A job was created automatically for a print run (P16). Emitted exactly once per created job,
   * never again after a restart or reconnect.
   *
   * @param at when
   * @param job the new job
   * @param printerName the printer's display name
   * @param fileName the raw file name
   * @param discoveredOnStartup whether the print was already running when the engine started
   * @since 0.1
   */
  record JobAutoCreated(Instant at, Job job, String printerName, String fileName,
      boolean discoveredOnStartup) implements PrinternizerEvent {
    @Override
    public PrinterId printerId() {
      return job.printerId();
    }

    @Override
    public String type() {
      return "job_auto_created";
    }
  }

  /**
   * A job a person created was linked to the print run that started (P8).
   *
   * @param at when
   * @param job the adopted job
   * @param printerName the printer's display name
   * @since 0.1
   */
  record JobAdopted(Instant at, Job job, String printerName) implements PrinternizerEvent {
    @Override
    public PrinterId printerId() {
      return job.printerId();
    }

    @Override
    public String type() {
      return "job_adopted";
    }
  }

  /**
   * A tracked job went from running to paused or back.
   *
   * @param at when
   * @param job the job after the change
   * @param from the previous status
   * @since 0.1
   */
  record JobStatusChanged(Instant at, Job job, JobStatus from) implements PrinternizerEvent {
    @Override
    public PrinterId printerId() {
      return job.printerId();
    }

    @Override
    public String type() {
      return "job_status_changed";
    }
  }

  /**
   * A tracked job was closed: completed, failed, cancelled or interrupted (P10, P11).
   *
   * @param at when
   * @param job the closed job
   * @since 0.1
   */
  record JobClosed(Instant at, Job job) implements PrinternizerEvent {
    @Override
    public PrinterId printerId() {
      return job.printerId();
    }

    @Override
    public String type() {
      return "job_closed";
    }
  }

  /**
   * A printer changed state, or was seen for the first time.
   *
   * @param at when
   * @param printerId the printer
   * @param printerName its display name
   * @param from the previous state, or null on first sight
   * @param to the new state
   * @param snapshot the snapshot that showed it (null when the connection was lost)
   * @since 0.1
   */
  record PrinterStateChanged(Instant at, PrinterId printerId, String printerName,
      @Nullable PrinterState from, PrinterState to,
      @Nullable StatusSnapshot snapshot) implements PrinternizerEvent {
    @Override
    public String type() {
      return "printer_state_changed";
    }
  }

  /**
   * A printer cannot be reached, and its driver says why, or the reason changed (a wrong access
   * code after the printer was first unreachable, say). Emitted once per kind of problem per
   * outage, not for every retry; the printer's recovery shows as a {@link PrinterStateChanged}
   * away from {@code OFFLINE}.
   *
   * @param at when
   * @param printerId the printer
   * @param printerName its display name
   * @param problem what is wrong, never containing a secret
   * @since 0.2
   */
  record PrinterConnectionProblem(Instant at, PrinterId printerId, String printerName,
      @Nullable ConnectionProblem problem) implements PrinternizerEvent {
    @Override
    public String type() {
      return "printer_connection_problem";
    }
  }
}
