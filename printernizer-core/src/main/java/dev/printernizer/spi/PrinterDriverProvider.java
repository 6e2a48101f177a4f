package dev.printernizer.spi;

import dev.printernizer.api.PrinterConfig;

/**
 * Creates drivers for one printer type (for example {@code "bambu"} or {@code "prusa"}).
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code META-INF/services} on the class path,
 * {@code provides} on the module path) or registered on the builder, which always wins.
 * Implementations are stateless, have a public no-argument constructor and are thread-safe.
 *
 * @since 0.1
 */
public interface PrinterDriverProvider {
  /** @return the printer type served, lower case (e.g. "bambu") @since 0.1 */
  String type();

  /**
   * Creates a driver for one printer. Validates the configuration and fails fast.
   *
   * @param config the printer's configuration, of this provider's type
   * @return a new, not yet started driver
   * @throws IllegalArgumentException if the configuration lacks something the driver needs; the
   *     message names the field and never contains the credential
   * @since 0.1
   */
  PrinterDriver create(PrinterConfig config);

  /** @return the SPI version this provider was built against @since 0.1 */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
