package dev.printernizer.simulators;

/**
 * A simulated printer that a test (or the testkit's {@code PrinterDriverCompatibilityKit}) steers
 * through the generic moments of a print. Each simulator adds its own vendor-specific controls.
 *
 * <p>Threading: implementations are thread-safe; every method may be called from any thread.
 * Lifecycle: a simulator is started by its constructor or factory and stopped by {@link #close()},
 * which is idempotent.
 *
 * @since 0.1
 */
public interface SimulatedPrinter extends AutoCloseable {
  /**
   * Shows a running print.
   *
   * @param file the file being printed
   * @param progress percent done, 0 to 100
   */
  void printing(String file, double progress);

  /**
   * Shows a finished print, lingering until {@link #idle()}.
   *
   * @param file the file that was printed
   */
  void finished(String file);

  /** Shows an idle printer. */
  void idle();

  /**
   * Makes the printer reachable or not.
   *
   * @param reachable false: the printer drops its connections and refuses new ones
   */
  void setReachable(boolean reachable);

  /** The next report(s) the driver reads are malformed (bad JSON, wrong types, garbage). */
  void sendGarbage();

  /** Stops the simulated printer. */
  @Override
  void close();
}
