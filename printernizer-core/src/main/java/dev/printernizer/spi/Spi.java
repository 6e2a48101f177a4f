package dev.printernizer.spi;

/**
 * The SPI version of this core. Providers built against another version are loaded with a
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

  private Spi() {}
}
