package dev.printernizer.spi;

/**
 * Creates the job store when none is registered on the builder. Found through
 * {@link java.util.ServiceLoader}; exactly one provider may be present, otherwise the engine fails
 * fast and lists them.
 *
 * @since 0.1
 */
public interface JobStoreProvider {
  /**
   * @return a short name for diagnostics
   * @since 0.1
   */
  String name();

  /**
   * @return a new store
   * @since 0.1
   */
  JobStore create();

  /**
   * @return the SPI version this provider was built against
   * @since 0.1
   */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
