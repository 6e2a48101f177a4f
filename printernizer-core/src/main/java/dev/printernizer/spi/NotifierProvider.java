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
