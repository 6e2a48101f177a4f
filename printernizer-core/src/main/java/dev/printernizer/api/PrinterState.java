package dev.printernizer.api;

/**
 * The state of a printer as a driver reports it, mapped from the printer's own vocabulary.
 *
 * <p>The engine groups the states: {@link #isActive() active} states belong to a print run and
 * create or continue its job; {@link #isTerminal() terminal} states close the run with their
 * outcome; {@link #IDLE} ends a run without an outcome; the remaining states change nothing.
 *
 * @since 0.1
 */
public enum PrinterState {
  /** Not reachable (network down, printer off). Starts a connection gap. */
  OFFLINE,
  /** Reachable and not printing. */
  IDLE,
  /** Getting a print ready (downloading, heating, levelling); no job is created yet. */
  PREPARING,
  /** Printing. */
  PRINTING,
  /** Paused by the user, by a filament run-out or by the printer asking for attention. */
  PAUSED,
  /** The print finished successfully (the state may linger until the next print). */
  FINISHED,
  /** The print failed. */
  FAILED,
  /** The print was cancelled by a person. */
  CANCELLED,
  /** Busy with something that is not a state change (crash recovery, file transfer). */
  BUSY,
  /** The printer reports an error that does not by itself end the print. */
  ERROR,
  /** The driver could not map what the printer said. */
  UNKNOWN;

  /**
   * @return whether this state belongs to a running print (printing or paused)
   * @since 0.1
   */
  public boolean isActive() {
    return this == PRINTING || this == PAUSED;
  }

  /**
   * @return whether this state ends a print with a known outcome
   * @since 0.1
   */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == CANCELLED;
  }
}
