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
   * The SPI version this provider was compiled against. Override it with
   * {@code return Spi.VERSION;}: the constant is compiled into the provider, so a provider built
   * for another core is recognised and refused with a clear message. The default,
   * {@link Spi#UNDECLARED}, is loaded with a warning.
   *
   * @return the SPI version
   * @since 0.1
   */
  default int spiVersion() {
    return Spi.UNDECLARED;
  }
}
