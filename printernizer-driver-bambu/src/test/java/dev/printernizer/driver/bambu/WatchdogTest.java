package dev.printernizer.driver.bambu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.simulators.BambuPrinterSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Silence: after 60 s the driver asks the printer to push again; 30 s later it reconnects. */
class WatchdogTest {
  @Test
  void silentPrinterGetsAPushThenAReconnect() {
    BambuRig rig = new BambuRig().add("x1", BambuPrinterSimulator.Profile.DELTA);
    ManualClock clock = new ManualClock();
    rig.clock = clock;
    try (rig) {
      rig.start();
      rig.awaitConnected("x1");
      BambuPrinterSimulator sim = rig.sim("x1");
      int pushalls = sim.pushalls();
      int connects = sim.connects();
      sim.setSilent(true);
      clock.advance(Duration.ofSeconds(50));
      assertEquals(pushalls, sim.pushalls(), "no alarm before 60 s of silence");
      clock.advance(Duration.ofSeconds(15));
      BambuRig.await("pushing.start + pushall", () -> sim.pushalls() == pushalls + 1);
      sim.setSilent(false);
      sim.setSilent(true); // still nothing arrives
      clock.advance(Duration.ofSeconds(35));
      BambuRig.await("a reconnect", () -> sim.connects() > connects);
      BambuRig.await("a pushall on reconnecting", () -> sim.pushalls() >= pushalls + 2);
      sim.setSilent(false); // the printer talks again; the next alarm asks for a full report
      clock.advance(Duration.ofSeconds(65));
      rig.awaitConnected("x1");
      assertTrue(sim.connects() > connects);
    }
  }
}
