package dev.printernizer.testkit.kits;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import dev.printernizer.testkit.example.TextPrinter;
import dev.printernizer.testkit.example.TextPrinterDriver;
import java.util.regex.Pattern;

/** The example driver of docs/testkit.md keeps the driver contract. */
public class TextPrinterDriverCompatibilityTest extends PrinterDriverCompatibilityKit {
  @Override
  protected SimulatedPrinter startPrinter() {
    return new TextPrinter();
  }

  @Override
  protected PrinterDriverProvider provider() {
    return new TextPrinterDriver.Provider((TextPrinter) printer);
  }

  @Override
  protected PrinterConfig config(SimulatedPrinter p) {
    return PrinterConfig.builder(PrinterId.of("text-1"), "text")
        .credential(Secret.of("s3cr3t-code")).build();
  }

  @Override
  protected Pattern sharedThreadNames() {
    return Pattern.compile("printernizer-clock");
  }
}
