package dev.printernizer.spi;

/**
 * The SPI version of this core, and the rule for providers: a provider reports the version it was
 * compiled against by overriding {@code spiVersion()} with {@code return Spi.VERSION;} (a
 * compile-time constant, so the number is fixed into the provider's own class). A provider that
 * reports another version is refused with a message naming both versions; one that does not
 * override the method ({@link #UNDECLARED}, providers written before 0.2) is loaded with a
 * warning.
 *
 * @since 0.1
 */
public final class Spi {
  /**
   * The current SPI version.
   * @since 0.1
   */
  public static final int VERSION = 1;

  /**
   * What a provider that does not declare its SPI version reports (the interfaces' default).
   * @since 0.2
   */
  public static final int UNDECLARED = 0;

  private Spi() {}
}
