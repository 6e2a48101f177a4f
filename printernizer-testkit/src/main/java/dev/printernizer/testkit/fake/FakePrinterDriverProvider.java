package dev.printernizer.testkit.fake;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.spi.Spi;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A driver provider whose drivers are {@link FakePrinter}s that the test scripts. Register it on
 * the builder; then {@link #printer(PrinterId)} gives the fake for each configured printer.
 *
 * @since 0.1
 */
public final class FakePrinterDriverProvider implements PrinterDriverProvider {
  private final String type;
  private final Map<PrinterId, FakePrinter> printers = new ConcurrentHashMap<>();

  /**
   * A provider of type {@code "fake"}.
   * @since 0.1
   */
  public FakePrinterDriverProvider() {
    this("fake");
  }

  /**
   * @param type the printer type it serves
   * @since 0.1
   */
  public FakePrinterDriverProvider(String type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public String type() {
    return type;
  }

  /** @return {@link Spi#VERSION} as this provider was compiled against it */
  @Override
  public int spiVersion() {
    return Spi.VERSION;
  }

  @Override
  public FakePrinter create(PrinterConfig config) {
    FakePrinter p = new FakePrinter(config);
    printers.put(config.id(), p);
    return p;
  }

  /**
   * @param id a printer id
   * @return the fake created for it most recently
   * @throws IllegalStateException if none was created (not configured, or not started)
   * @since 0.1
   */
  public FakePrinter printer(PrinterId id) {
    FakePrinter p = printers.get(id);
    if (p == null) {
      throw new IllegalStateException("no fake printer " + id + " was created; is it configured"
          + " and the engine started?");
    }
    return p;
  }
}
