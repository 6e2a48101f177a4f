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
  RECONNECT
}
