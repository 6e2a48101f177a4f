package dev.printernizer.driver.prusa;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Secret;
import dev.printernizer.simulators.SimulatedPrinter;
import dev.printernizer.spi.PrinterDriverProvider;
import dev.printernizer.testkit.PrinterDriverCompatibilityKit;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.time.EngineClock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;

/** The driver kit against both PrusaLink flavours. */
class PrusaDriverCompatibilityTest {
  abstract static class Base extends PrinterDriverCompatibilityKit {
    abstract PrusaLinkSimulator.Flavour flavour();

    @Override
    protected SimulatedPrinter startPrinter() {
      return PrusaLinkSimulator.builder(flavour(), EngineClock.system()).username("maker")
          .password("kitPassw0rd").start();
    }

    @Override
    protected PrinterDriverProvider provider() {
      return new PrusaDriverProvider();
    }

    @Override
    protected PrinterConfig config(SimulatedPrinter p) {
      PrusaLinkSimulator sim = (PrusaLinkSimulator) p;
      return PrinterConfig.builder(PrinterId.of("prusa-kit"), "prusa").host("127.0.0.1")
          .port(sim.port()).username("maker").credential(Secret.of("kitPassw0rd")).build();
    }

    @Override
    protected Pattern sharedThreadNames() {
      return Pattern.compile("OkHttp.*|prusalink-sim|printernizer-clock|HTTP-Dispatcher|idle-timeout-task");
    }
  }

  @Nested
  class Firmware extends Base {
    @Override
    PrusaLinkSimulator.Flavour flavour() {
      return PrusaLinkSimulator.Flavour.BUDDY;
    }
  }

  @Nested
  class RaspberryPi extends Base {
    @Override
    PrusaLinkSimulator.Flavour flavour() {
      return PrusaLinkSimulator.Flavour.LINK;
    }
  }

  @Nested
  class LegacyApi extends Base {
    @Override
    PrusaLinkSimulator.Flavour flavour() {
      return PrusaLinkSimulator.Flavour.LINK_LEGACY;
    }
  }
}
