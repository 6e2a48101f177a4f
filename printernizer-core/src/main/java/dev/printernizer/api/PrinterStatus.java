package dev.printernizer.api;

import java.util.Optional;

/**
 * A printer as the engine sees it now: configuration, last snapshot, whether it is reachable and
 * the job it tracks.
 *
 * @param config the configuration
 * @param lastSnapshot the last snapshot, or null before the first
 * @param connected whether the printer is reachable
 * @param currentJob the job tracked now (as last written), or null
 * @since 0.1
 */
public record PrinterStatus(PrinterConfig config, StatusSnapshot lastSnapshot, boolean connected,
    Job currentJob) {
  /** @return the last snapshot @since 0.1 */
  public Optional<StatusSnapshot> snapshot() {
    return Optional.ofNullable(lastSnapshot);
  }

  /** @return the state now: OFFLINE when unreachable, UNKNOWN before the first snapshot */
  public PrinterState state() {
    if (!connected) {
      return lastSnapshot == null ? PrinterState.UNKNOWN : PrinterState.OFFLINE;
    }
    return lastSnapshot.state();
  }
}
