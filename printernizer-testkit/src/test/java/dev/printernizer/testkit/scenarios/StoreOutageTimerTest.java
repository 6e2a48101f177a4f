package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinterStatus;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FaultyJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Store-outage retries run on a timer, and the printer's status says the store fails. */
class StoreOutageTimerTest {

  @Test
  void aJobThatCouldNotBeCreatedIsCreatedOnTheTimerWithoutAnotherReport() {
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
    try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      faulty.setDown(true);
      rig.printing("p1", "benchy.gcode", 1);
      PrinterStatus st = rig.engine.printer(PrinterId.of("p1")).orElseThrow();
      assertTrue(st.storeFailure().isPresent(), "the status names the store failure");
      assertTrue(st.storeFailure().get().contains("job store failed"), st.storeFailure().get());
      faulty.setDown(false);
      rig.advance(Duration.ofSeconds(61)); // no report from the printer in between
      assertEquals(JobStatus.RUNNING, rig.onlyJob().status());
      assertTrue(rig.engine.printer(PrinterId.of("p1")).orElseThrow().storeFailure().isEmpty(),
          "the failure clears once the store works");
    }
  }

  @Test
  void aCloseThatFailedIsWrittenOnTheTimer() {
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
    try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "benchy.gcode", 1);
      faulty.setDown(true);
      rig.state("p1", PrinterState.FINISHED, "benchy.gcode");
      faulty.setDown(false);
      assertEquals(JobStatus.RUNNING, rig.onlyJob().status(), "not written yet");
      rig.advance(Duration.ofSeconds(61));
      assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
    }
  }

  @Test
  void retriesBackOffAndStopWithTheEngine() {
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
    ManualClock clock = new ManualClock();
    try (Rig rig = new Rig(faulty, clock, new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      faulty.setDown(true);
      rig.printing("p1", "benchy.gcode", 1);
      long before = faulty.calls();
      rig.advance(Duration.ofMinutes(10));
      long calls = faulty.calls() - before;
      // 1+2+4+8+16+32 s, then every 60 s: about 15 attempts in 10 minutes, not 600
      assertTrue(calls >= 10 && calls < 60, "retry attempts in 10 minutes: " + calls);
      rig.engine.close();
      long afterClose = faulty.calls();
      rig.advance(Duration.ofMinutes(10));
      assertEquals(afterClose, faulty.calls(), "no retries after close");
    }
  }
}
