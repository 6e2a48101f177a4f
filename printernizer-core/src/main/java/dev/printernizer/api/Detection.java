package dev.printernizer.api;

/**
 * How the engine first saw a print run.
 *
 * @since 0.1
 */
public enum Detection {
  /** The engine saw the printer start the print. */
  LIVE,
  /** The print was already running when the engine started. */
  STARTUP,
  /** The print was already running when the printer came back after the engine lost it. */
  RECONNECT,
  /**
   * The print had ended when the engine learned of it from the printer's own history (backfill,
   * {@code job_creation_backfill}).
   *
   * @since 0.4
   */
  BACKFILL
}
