package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent.JobAutoCreated;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.api.Tracking;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FaultyJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Defects found by an independent review of the engine, each now a named regression test. */
class ReviewFindingsTest {

  @Test
  @DisplayName("1: a print that ran entirely during a store outage is recorded when it is back")
  void printDuringOutageIsRecorded() {
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
    try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      faulty.setDown(true);
      Instant start = rig.clock.instant();
      rig.printing("p1", "a.gcode", 0);
      rig.minutes(30);
      rig.printing("p1", "a.gcode", 50);
      rig.minutes(30);
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      faulty.setDown(false);
      rig.minutes(1);
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      Job job = rig.onlyJob();
      assertEquals(JobStatus.COMPLETED, job.status());
      assertEquals(start, job.tracking().startTime().orElseThrow());
      assertEquals(1, rig.events.events(JobAutoCreated.class).size());
    }
  }

  @Test
  @DisplayName("2a: a reprint seen at startup with a reused printer start time gets its own job")
  void reprintAtStartupWithReusedStart() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      Instant t0 = rig.clock.instant();
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("plate_1.gcode")
          .reportedStartTime(t0).progress(5.0));
      rig.send("p1", PrinterState.FAILED, b -> b.fileName("plate_1.gcode")
          .reportedStartTime(t0).progress(30.0));
      rig.engine.close();
      rig.minutes(20);
      rig.start();
      Instant seen = rig.clock.instant();
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("plate_1.gcode")
          .reportedStartTime(t0).progress(40.0));
      List<Job> jobs = rig.jobs();
      assertEquals(2, jobs.size(), jobs.toString());
      assertEquals(JobStatus.FAILED, jobs.get(0).status());
      assertEquals(JobStatus.RUNNING, jobs.get(1).status());
      assertEquals(seen, jobs.get(1).tracking().startTime().orElseThrow(),
          "the reused start time is not trusted");
    }
  }

  @Test
  @DisplayName("2b: a reprint seen at startup with a reused printer job id gets its own job")
  void reprintAtStartupWithReusedId() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.bgcode").printerJobId("17")
          .progress(10.0));
      rig.send("p1", PrinterState.CANCELLED, b -> b.fileName("a.bgcode").printerJobId("17"));
      rig.restart();
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.bgcode").printerJobId("17")
          .progress(50.0));
      assertEquals(2, rig.jobs().size());
    }
  }

  @Test
  @DisplayName("3a: adoption works when the printer clock is minutes off")
  void adoptionWithSkewedPrinterClock() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      Job manual = rig.engine.createManualJob(PrinterId.of("p1"), null, "gear.3mf", null);
      rig.minutes(1);
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("gear.3mf")
          .reportedStartTime(rig.clock.instant().minus(Duration.ofMinutes(5))));
      assertEquals(manual.id(), rig.onlyJob().id());
    }
  }

  @Test
  @DisplayName("3b: a start time reused from an earlier print is not trusted on a live start")
  void reusedStartOnLiveStart() {
    Instant t0 = Instant.parse("2025-12-31T23:00:00Z");
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "gear.3mf", 0); // first report without the start time
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("gear.3mf").reportedStartTime(t0)
          .progress(10.0));
      rig.state("p1", PrinterState.FINISHED, "gear.3mf");
      rig.advance(Duration.ofHours(3));
      rig.idle("p1");
      rig.engine.createManualJob(PrinterId.of("p1"), null, "gear.3mf", null);
      rig.minutes(1);
      Instant seen = rig.clock.instant();
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("gear.3mf").reportedStartTime(t0)
          .progress(0.0));
      List<Job> jobs = rig.jobs();
      assertEquals(2, jobs.size(), "the manual job was adopted: " + jobs);
      Job second = jobs.get(1);
      assertFalse(second.autoCreated());
      assertEquals(seen, second.tracking().startTime().orElseThrow());
    }
  }

  @Test
  @DisplayName("4: a reprint while an earlier close is still pending gets its own job")
  void pendingCloseAndReprint() {
    FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
    try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "clip.gcode", 0);
      faulty.setDown(true);
      rig.state("p1", PrinterState.FINISHED, "clip.gcode");
      rig.advance(Duration.ofSeconds(40));
      rig.printing("p1", "clip.gcode", 0);
      faulty.setDown(false);
      rig.advance(Duration.ofSeconds(30));
      rig.printing("p1", "clip.gcode", 5);
      rig.advance(Duration.ofSeconds(30));
      rig.printing("p1", "clip.gcode", 9);
      List<Job> jobs = rig.jobs();
      assertEquals(2, jobs.size(), jobs.toString());
      assertEquals(JobStatus.COMPLETED, jobs.get(0).status());
      assertEquals(JobStatus.RUNNING, jobs.get(1).status());
      assertEquals(jobs.get(1).id(), rig.engine.printer(PrinterId.of("p1")).orElseThrow()
          .currentJob().id());
    }
  }

  @Test
  @DisplayName("5: an equal printer job id with progress back at the start is a new print")
  void reusedIdAfterReconnect() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode").printerJobId("17")
          .progress(90.0));
      rig.printer("p1").connectionLost("wifi");
      rig.minutes(60);
      rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode").printerJobId("17")
          .progress(3.0));
      List<Job> jobs = rig.jobs();
      assertEquals(2, jobs.size());
      assertEquals(JobStatus.INTERRUPTED, jobs.get(0).status());
      assertEquals(90.0, jobs.get(0).tracking().progress());
    }
  }

  @Test
  @DisplayName("6: a printer BUSY for 24 hours does not keep a job open forever")
  void busyForever() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 10);
      rig.restart();
      for (int h = 0; h <= 25; h++) {
        rig.send("p1", PrinterState.BUSY, b -> { });
        rig.minutes(60);
      }
      Job job = rig.onlyJob();
      assertEquals(JobStatus.INTERRUPTED, job.status());
      assertTrue(job.tracking().closeReason().orElseThrow().contains("BUSY"));
    }
  }

  @Test
  @DisplayName("7: absurd durations from a printer are refused with the field name")
  void hugeElapsedIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatusSnapshot.builder(PrinterId.of("p"), PrinterState.PRINTING, Instant.EPOCH)
            .elapsed(Duration.ofSeconds(Long.MAX_VALUE / 2)));
    assertTrue(e.getMessage().contains("elapsed"));
  }

  @Test
  @DisplayName("8: a flapping connection cannot grow a job without bound")
  void flappingConnection() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 1);
      for (int i = 0; i < 300; i++) {
        rig.printer("p1").connectionLost("flap");
        rig.advance(Duration.ofSeconds(5));
        rig.printing("p1", "a.gcode", 1);
      }
      Job job = rig.onlyJob();
      assertEquals(Tracking.MAX_GAPS, job.tracking().gaps().size());
      assertEquals(rig.clock.instant(), job.tracking().gaps().get(Tracking.MAX_GAPS - 1).to());
    }
  }

  @Test
  @DisplayName("11: a pause that spans a restart is counted")
  void pauseAcrossRestart() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 10);
      rig.paused("p1", "a.gcode", 10);
      rig.restart();
      rig.minutes(1);
      rig.paused("p1", "a.gcode", 10);
      rig.minutes(30);
      rig.printing("p1", "a.gcode", 11);
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      Job job = rig.onlyJob();
      assertEquals(1, job.tracking().pauseCount());
      assertEquals(Duration.ofMinutes(30), job.tracking().pausedTotal());
    }
  }

  @Test
  @DisplayName("12: progress keeps being written after a restart whatever the tick origin")
  void negativeTicks() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"), Long.MIN_VALUE / 2);
    try (Rig rig = new Rig(new InMemoryJobStore(), clock, new AutoJobSettings(), "p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 20);
      rig.restart();
      rig.printing("p1", "a.gcode", 20);
      for (int p = 21; p <= 30; p++) {
        rig.advance(Duration.ofSeconds(11));
        rig.printing("p1", "a.gcode", p);
      }
      assertEquals(30.0, rig.onlyJob().tracking().progress());
    }
  }

  @Test
  @DisplayName("13: the final progress in the snapshot that ends the print is kept")
  void finalProgress() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 10);
      rig.advance(Duration.ofSeconds(30));
      rig.send("p1", PrinterState.FAILED, b -> b.fileName("a.gcode").progress(45.0));
      assertEquals(45.0, rig.onlyJob().tracking().progress());
    }
  }

  @Test
  @DisplayName("14: switching auto-creation on while the printer is BUSY creates the job at once")
  void enableWhileBusy() {
    try (Rig rig = new Rig("p1").start()) {
      rig.settings.setAutoCreate(false);
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 10);
      rig.send("p1", PrinterState.BUSY, b -> { });
      rig.settings.setAutoCreate(true);
      assertEquals(1, rig.jobs().size());
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
    }
  }
}
