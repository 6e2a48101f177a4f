package dev.printernizer.driver.moonraker;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.MoonrakerSimulator;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;

/** The driver kit against the Moonraker simulator, trusted and with an API key. */
class MoonrakerDriverCompatibilityTest {
  abstract static class Base extends PrinterDriverCompatibilityKit {
    @Override
    protected PrinterDriverProvider provider() {
      return new MoonrakerDriverProvider();
    }

    @Override
    protected Pattern sharedThreadNames() {
      // the one-shot token's HTTP client and the simulator's server; the event loop of the
      // Moonraker printers ends with the last driver, so it is not listed
      return Pattern.compile("printernizer-moonraker-http-.*|HttpClient-.*|WebSocket.*"
          + "|connectionLostChecker.*|printernizer-clock");
    }
  }

  @Nested
  class TrustedClient extends Base {
    @Override
    protected SimulatedPrinter startPrinter() {
      return MoonrakerSimulator.start();
    }

    @Override
    protected PrinterConfig config(SimulatedPrinter p) {
      return PrinterConfig.builder(PrinterId.of("voron-kit"), "moonraker").host("127.0.0.1")
          .port(((MoonrakerSimulator) p).port()).build();
    }
  }

  @Nested
  class ApiKey extends Base {
    @Override
    protected SimulatedPrinter startPrinter() {
      return MoonrakerSimulator.withApiKey("kitApiKey0123456789abcdef");
    }

    @Override
    protected PrinterConfig config(SimulatedPrinter p) {
      return PrinterConfig.builder(PrinterId.of("voron-key"), "moonraker").host("127.0.0.1")
          .port(((MoonrakerSimulator) p).port())
          .credential(Secret.of("kitApiKey0123456789abcdef")).build();
    }
  }
}
