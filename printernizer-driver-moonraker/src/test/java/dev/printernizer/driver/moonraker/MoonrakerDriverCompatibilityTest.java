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
      // the event loop every Moonraker printer shares, the one-shot token's HTTP client and the
      // simulator's server
      return Pattern.compile("printernizer-moonraker-.*|HttpClient-.*|WebSocket.*"
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
