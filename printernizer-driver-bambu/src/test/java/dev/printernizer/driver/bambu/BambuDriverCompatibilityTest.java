package dev.printernizer.driver.bambu;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import dev.printernizer.simulators.BambuPrinterSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;

/** The driver kit against both reporting profiles of the simulated printer. */
class BambuDriverCompatibilityTest {
  abstract static class Base extends PrinterDriverCompatibilityKit {
    abstract BambuPrinterSimulator.Profile profile();

    @Override
    protected SimulatedPrinter startPrinter() {
      return BambuPrinterSimulator.builder("01S00A000000KIT", "87654321").profile(profile())
          .start();
    }

    @Override
    protected PrinterDriverProvider provider() {
      return new BambuDriverProvider();
    }

    @Override
    protected PrinterConfig config(SimulatedPrinter p) {
      BambuPrinterSimulator sim = (BambuPrinterSimulator) p;
      try {
        Path ca = Files.createTempFile("kit-ca", ".pem");
        Files.writeString(ca, sim.caPem());
        return PrinterConfig.builder(PrinterId.of("bambu-kit"), "bambu").host("127.0.0.1")
            .port(sim.port()).serial(sim.serial()).credential(Secret.of(sim.accessCode()))
            .option("ca_file", ca.toString()).build();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected Pattern sharedThreadNames() {
      return Pattern.compile("com\\.hivemq.*|bambu-sim.*|printernizer-clock|Rx.*");
    }
  }

  @Nested
  class DeltaReports extends Base {
    @Override
    BambuPrinterSimulator.Profile profile() {
      return BambuPrinterSimulator.Profile.DELTA;
    }
  }

  @Nested
  class FullReports extends Base {
    @Override
    BambuPrinterSimulator.Profile profile() {
      return BambuPrinterSimulator.Profile.FULL;
    }
  }
}
