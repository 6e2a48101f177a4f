package dev.printernizer.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A printer as the engine sees it now: configuration, last snapshot, whether it is reachable and
 * the job it tracks.
 *
 * @param config the configuration
 * @param lastSnapshot the last snapshot, or null before the first
 * @param connected whether the printer is reachable
 * @param currentJob the job tracked now (as last written), or null
 * @param problem why the printer cannot be reached (null when connected, or when the driver gave
 *     no reason)
 * @param badInputs answers from the printer skipped as unreadable since it was added
 * @param storeError why the last write of this printer's jobs to the store failed, or null when
 *     the store works (jobs wait in memory and are written when it is back)
 * @since 0.1
 */
public record PrinterStatus(PrinterConfig config, @Nullable StatusSnapshot lastSnapshot,
    boolean connected,
    @Nullable Job currentJob, @Nullable ConnectionProblem problem, long badInputs,
    @Nullable String storeError) {
  /**
   * A status without problem, bad input or store error (the 0.1 shape).
   *
   * @param config the configuration
   * @param lastSnapshot the last snapshot, or null
   * @param connected whether the printer is reachable
   * @param currentJob the job tracked now, or null
   * @since 0.1
   */
  public PrinterStatus(PrinterConfig config, @Nullable StatusSnapshot lastSnapshot,
      boolean connected,
      @Nullable Job currentJob) {
    this(config, lastSnapshot, connected, currentJob, null, 0, null);
  }

  /**
   * @return why the printer cannot be reached, when its driver said
   * @since 0.2
   */
  public Optional<ConnectionProblem> connectionProblem() {
    return Optional.ofNullable(problem);
  }

  /**
   * @return why writing this printer's jobs fails now, if it does
   * @since 0.2
   */
  public Optional<String> storeFailure() {
    return Optional.ofNullable(storeError);
  }

  /**
   * @return the last snapshot
   * @since 0.1
   */
  public Optional<StatusSnapshot> snapshot() {
    return Optional.ofNullable(lastSnapshot);
  }

  /** @return the state now: OFFLINE when unreachable, UNKNOWN before the first snapshot */
  public PrinterState state() {
    if (lastSnapshot == null) {
      return PrinterState.UNKNOWN;
    }
    return connected ? lastSnapshot.state() : PrinterState.OFFLINE;
  }
}
