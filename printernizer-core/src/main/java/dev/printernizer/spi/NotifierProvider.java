package dev.printernizer.spi;

/**
 * Creates a notifier. All providers found through {@link java.util.ServiceLoader} are used, in
 * addition to the notifiers registered on the builder.
 *
 * @since 0.1
 */
public interface NotifierProvider {
  /**
   * @return a short name for diagnostics
   * @since 0.1
   */
  String name();

  /**
   * @return a new notifier
   * @since 0.1
   */
  Notifier create();

  /**
   * @return the SPI version this provider was built against
   * @since 0.1
   */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
