package dev.printernizer.spi;

/**
 * A connection to one printer that reports status snapshots to the engine.
 *
 * <p>Lifecycle: the engine creates a driver through its {@link PrinterDriverProvider}, calls
 * {@link #start(DriverContext)} once, and {@link #close()} once when the printer is removed or the
 * engine closes. {@code start} must return quickly: connect and poll in the background and report
 * through the context. A driver reconnects by itself after connection loss. After {@code close}
 * returns, the driver holds no thread, socket or scheduled task and reports nothing more;
 * {@code close} may be called while it is still connecting and must tolerate being called twice.
 *
 * <p>Bad input from the printer (malformed JSON, wrong types, HTTP errors) must never escape as an
 * exception: log it once with the printer id, skip that update and keep monitoring (P17).
 * Credentials must never appear in logs or exceptions.
 *
 * @since 0.1
 */
public interface PrinterDriver extends AutoCloseable {
  /**
   * Starts monitoring in the background.
   *
   * @param context where to report
   * @since 0.1
   */
  void start(DriverContext context);

  /**
   * Stops monitoring and releases every resource. Idempotent.
   * @since 0.1
   */
  @Override
  void close();
}
