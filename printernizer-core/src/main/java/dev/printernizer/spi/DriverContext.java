package dev.printernizer.spi;

import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.DoNotImplement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.time.EngineClock;
import java.util.concurrent.Executor;

/**
 * What the engine gives a {@link PrinterDriver}: the printer's configuration, the clock, the live
 * settings, and the two calls through which the driver reports.
 *
 * <p>Implemented by the engine ({@link DoNotImplement}); drivers never implement it (test them
 * with the testkit's recording context). All methods are thread-safe and do
 * not block: reports are queued and handled in order on the printer's own serial lane.
 *
 * @since 0.1
 */
@DoNotImplement
public interface DriverContext {
  /**
   * @return the printer's configuration
   * @since 0.1
   */
  PrinterConfig printer();

  /**
   * @return the clock to take observation times and schedule polls from
   * @since 0.1
   */
  EngineClock clock();

  /**
   * @return the live settings (e.g. the monitoring interval)
   * @since 0.1
   */
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

  /**
   * Reports that the printer cannot be reached, and why: like {@link #connectionLost(String)},
   * and the engine shows the typed problem in {@code PrinterStatus.problem()}, emits a
   * {@code PrinterConnectionProblem} event when the kind changes, and logs it once per kind per
   * outage. Call it again while the problem lasts to update the next retry time; the next
   * published snapshot clears it.
   *
   * <p>The default implementation, for contexts written before 0.2, calls
   * {@link #connectionLost(String)} with the kind and detail.
   *
   * @param kind what went wrong
   * @param detail a short explanation for the user, never containing a credential
   * @param retryIn when the driver tries again, or null if it does not know
   * @since 0.2
   */
  default void connectionProblem(ConnectionProblem.Kind kind, String detail,
      @Nullable Duration retryIn) {
    connectionLost(kind.code() + ": " + detail);
  }

  /**
   * Reports an answer from the printer that the driver skipped because it could not read it
   * (malformed JSON, a wrong type, an unexpected HTTP status). The engine counts it in
   * {@code PrinterStatus.badInputs()} and logs it at WARN once per kind per connection, so a
   * printer that sends garbage cannot flood the log; drivers call this instead of logging.
   *
   * <p>The default implementation, for contexts written before 0.2, logs every call at WARN.
   *
   * @param kind a short, stable classification, e.g. "invalid JSON" (the log-once key)
   * @param detail what was wrong, never containing a credential
   * @since 0.2
   */
  default void badInput(String kind, String detail) {
    LoggerFactory.getLogger(DriverContext.class).warn("printer {}: skipped bad input ({}): {}",
        printer().id(), kind, detail);
  }
}
