package dev.printernizer.spi;

import dev.printernizer.api.PrinterConfig;
import java.util.List;

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
  /**
   * @return the printer type served, lower case (e.g. "bambu")
   * @since 0.1
   */
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

  /**
   * Checks a configuration without connecting or reading anything from the network: required
   * settings present, values in range, no unknown option (see {@link ConfigProblems}). The
   * engine calls it for every printer at {@code build()} and {@code addPrinter()}, and refuses
   * the configuration with every problem of every printer at once.
   *
   * <p>The default creates a driver and closes it without starting it, reporting the
   * {@link IllegalArgumentException} of {@link #create}; providers should override it to report
   * all problems, not only the first.
   *
   * @param config the printer's configuration, of this provider's type
   * @return the problems, each naming the printer and the key; empty when it is fine
   * @since 0.2
   */
  default List<String> validate(PrinterConfig config) {
    try {
      create(config).close();
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(String.valueOf(e.getMessage()));
    }
  }

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
