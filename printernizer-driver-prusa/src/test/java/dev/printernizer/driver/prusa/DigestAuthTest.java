package dev.printernizer.driver.prusa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.PrinterId;
import dev.printernizer.simulators.PrusaLinkSimulator;
import dev.printernizer.simulators.PrusaLinkSimulator.Flavour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Digest handshakes against both variants, nonce renewal, wrong passwords and API keys. */
class DigestAuthTest {

  private static PrusaRig rig(Flavour f, String credential, String mode) {
    PrusaRig rig = new PrusaRig();
    PrusaLinkSimulator sim = PrusaLinkSimulator.builder(f, rig.clock).username("maker")
        .password("right-pw").apiKey(f == Flavour.LINK ? "right-key" : null).start();
    return rig.add("p1", sim, credential, mode).start();
  }

  @ParameterizedTest
  @EnumSource(value = Flavour.class, names = {"BUDDY", "LINK"})
  void handshakeAndSilentNonceRenewalOverAnHour(Flavour f) {
    try (PrusaRig rig = rig(f, "right-pw", "digest")) {
      rig.sim("p1").startPrint("a.bgcode");
      for (int i = 0; i < 120; i++) { // one hour: nonces expire (300 s / 60 s buckets) many times
        rig.poll();
      }
      assertEquals(0, rig.sim("p1").authFailures(), "no credentials were ever refused");
      assertTrue(rig.engine.printer(PrinterId.of("p1")).orElseThrow().connected());
      assertEquals(1, rig.jobs().size());
      int requests = rig.sim("p1").requests();
      assertTrue(requests < 120 * 3, "the cached challenge is reused, " + requests + " requests");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Flavour.class, names = {"BUDDY", "LINK"})
  void wrongPasswordIsReportedAndBacksOffInsteadOfStorming(Flavour f) {
    try (PrusaRig rig = rig(f, "wrong-pw", "digest")) {
      rig.sim("p1").startPrint("a.bgcode");
      for (int i = 0; i < 40; i++) { // 20 minutes
        rig.poll();
      }
      assertFalse(rig.engine.printer(PrinterId.of("p1")).orElseThrow().connected());
      assertEquals(0, rig.jobs().size());
      int requests = rig.sim("p1").requests();
      assertTrue(requests <= 12, "back-off of 5 minutes, yet " + requests + " requests");
    }
  }

  @Test
  void apiKeyOnThePi() {
    try (PrusaRig rig = rig(Flavour.LINK, "right-key", "apikey")) {
      rig.sim("p1").startPrint("a.gcode");
      rig.poll();
      assertEquals(1, rig.jobs().size());
    }
    try (PrusaRig rig = rig(Flavour.LINK, "wrong-key", "apikey")) {
      rig.sim("p1").startPrint("a.gcode");
      rig.poll();
      assertEquals(0, rig.jobs().size());
      assertEquals(1, rig.sim("p1").authFailures());
    }
  }

  @Test
  void apiKeyOnTheFirmwareIsThePassword() {
    try (PrusaRig rig = rig(Flavour.BUDDY, "right-pw", "apikey")) {
      rig.sim("p1").startPrint("a.bgcode");
      rig.poll();
      assertEquals(1, rig.jobs().size());
    }
    try (PrusaRig rig = rig(Flavour.BUDDY, "wrong", "apikey")) {
      rig.sim("p1").startPrint("a.bgcode");
      rig.advance(Duration.ofMinutes(10));
      assertEquals(0, rig.jobs().size());
      assertTrue(rig.sim("p1").authFailures() <= 3);
    }
  }
}
