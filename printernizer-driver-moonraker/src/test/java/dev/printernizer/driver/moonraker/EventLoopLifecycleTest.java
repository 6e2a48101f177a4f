package dev.printernizer.driver.moonraker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.MoonrakerSimulator;
import dev.printernizer.spi.PrinterDriver;
import dev.printernizer.testkit.fake.RecordingDriverContext;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The event loop the Moonraker printers share lives from the first start to the last close. */
class EventLoopLifecycleTest {

  private static boolean loopAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
        && t.getName().matches("printernizer-moonraker-\\d+-\\d+"));
  }

  private static boolean within(Duration d, BooleanSupplier condition) {
    long deadline = System.nanoTime() + d.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return true;
  }

  @Test
  void noLoopThreadOutlivesTheLastMoonrakerPrinter() {
    try (MoonrakerSimulator sim = MoonrakerSimulator.start()) {
      MoonrakerDriverProvider provider = new MoonrakerDriverProvider();
      PrinterDriver[] drivers = new PrinterDriver[2];
      RecordingDriverContext[] contexts = new RecordingDriverContext[2];
      for (int i = 0; i < 2; i++) {
        PrinterConfig config = PrinterConfig.builder(PrinterId.of("v" + i), "moonraker")
            .host("127.0.0.1").port(sim.port()).build();
        contexts[i] = new RecordingDriverContext(config);
        drivers[i] = provider.create(config);
        drivers[i].start(contexts[i]);
      }
      RecordingDriverContext first = contexts[0];
      RecordingDriverContext second = contexts[1];
      assertTrue(within(Duration.ofSeconds(10), () -> !first.snapshots().isEmpty()
          && !second.snapshots().isEmpty()), "both connected");
      drivers[0].close();
      assertTrue(loopAlive(), "the other printer still uses the loop");
      drivers[1].close();
      assertTrue(within(Duration.ofSeconds(5), () -> !loopAlive()),
          "the loop's threads end with the last printer");
      drivers[1].close(); // closing twice releases nothing twice
      assertFalse(loopAlive());
    }
  }
}
