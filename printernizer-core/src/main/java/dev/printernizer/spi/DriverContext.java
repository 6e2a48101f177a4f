package dev.printernizer.spi;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.time.EngineClock;
import java.util.concurrent.Executor;

/**
 * What the engine gives a {@link PrinterDriver}: the printer's configuration, the clock, the live
 * settings, and the two calls through which the driver reports.
 *
 * <p>Implemented by the engine; drivers never implement it. All methods are thread-safe and do
 * not block: reports are queued and handled in order on the printer's own serial lane.
 *
 * @since 0.1
 */
public interface DriverContext {
  /** @return the printer's configuration @since 0.1 */
  PrinterConfig printer();

  /** @return the clock to take observation times and schedule polls from @since 0.1 */
  EngineClock clock();

  /** @return the live settings (e.g. the monitoring interval) @since 0.1 */
  AutoJobSettings settings();

  /**
   * An executor for blocking driver work (HTTP calls, parsing); shared by all printers.
   *
   * @return the executor
   * @since 0.1
   */
  Executor executor();

  /**
   * Reports what the printer shows now. Snapshots older than the last one reported for this
   * printer are dropped; a snapshot of the same reading is cheap.
   *
   * @param snapshot the snapshot; its printer id must be this printer's
   * @throws IllegalArgumentException if the snapshot is for another printer
   * @since 0.1
   */
  void publish(StatusSnapshot snapshot);

  /**
   * Reports that the printer cannot be reached any more. The next published snapshot counts as
   * "seen again" (detection {@code RECONNECT}); the time in between is recorded as a connection
   * gap on the open job.
   *
   * @param reason a short reason for the log (never containing credentials)
   * @since 0.1
   */
  void connectionLost(String reason);
}
