package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import dev.printernizer.api.PrinternizerEvent.JobAutoCreated;
import dev.printernizer.api.PrinternizerEvent.JobClosed;
import dev.printernizer.api.RunLink;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FaultyJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.api.AutoJobSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One named scenario per promise P1-P16 of auto-job-semantics.md. */
class AutoJobPromisesTest {

  @Nested
  @DisplayName("P1: a print start creates exactly one running job")
  class P1 {
    @Test
    void idleToPrintingCreatesOneRunningJobWithinOneUpdate() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.minutes(1);
        rig.printing("p1", "cube.gcode", 0.0);
        Job job = rig.onlyJob();
        assertEquals(JobStatus.RUNNING, job.status());
        assertTrue(job.autoCreated());
        assertEquals("cube", job.name());
        assertEquals(Detection.LIVE, job.run().orElseThrow().detection());
        for (int i = 1; i <= 50; i++) {
          rig.advance(Duration.ofSeconds(30));
          rig.printing("p1", "cube.gcode", i);
        }
        assertEquals(1, rig.jobs().size());
        assertEquals(1, rig.events.events(JobAutoCreated.class).size());
      }
    }

    @Test
    void finishedToPrintingStartsNewRun() {
      try (Rig rig = new Rig("p1").start()) {
        rig.state("p1", PrinterState.FINISHED, "old.3mf");
        rig.printing("p1", "new.3mf", 1);
        assertEquals("new", rig.onlyJob().name());
      }
    }

    @Test
    void preparingDoesNotCreateButPrintingDoes() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.state("p1", PrinterState.PREPARING, "cube.3mf");
        assertEquals(0, rig.jobs().size());
        rig.printing("p1", "cube.3mf", 0);
        assertEquals(1, rig.jobs().size());
      }
    }
  }

  @Nested
  @DisplayName("P2: a print running at engine start gets one job flagged discovered_on_startup")
  class P2 {
    @Test
    void runningAtStartupIsFlagged() {
      try (Rig rig = new Rig("p1").start()) {
        rig.printing("p1", "benchy.gcode", 42);
        Job job = rig.onlyJob();
        RunLink link = job.run().orElseThrow();
        assertEquals(Detection.STARTUP, link.detection());
        assertTrue(link.discoveredOnStartup());
        assertEquals(Boolean.TRUE, job.customerInfo().get("discovered_on_startup"));
        assertTrue(rig.events.events(JobAutoCreated.class).get(0).discoveredOnStartup());
      }
    }

    @Test
    void existingJobForThatRunIsTrackedNotDuplicated() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "benchy.gcode", 1);
        Job first = rig.onlyJob();
        rig.restart();
        rig.minutes(5);
        rig.printing("p1", "benchy.gcode", 30);
        Job again = rig.onlyJob();
        assertEquals(first.id(), again.id());
        assertEquals(Detection.LIVE, again.run().orElseThrow().detection());
        assertEquals(30.0, again.tracking().progress());
      }
    }
  }

  @Nested
  @DisplayName("P3: any number of engine restarts during a print keep one job")
  class P3 {
    @Test
    void restartsAtAnyMomentKeepOneJob() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "gear.gcode", 1);
        for (int i = 0; i < 10; i++) {
          rig.restart();
          rig.minutes(3);
          if (i % 3 == 0) {
            rig.paused("p1", "gear.gcode", 5 + i * 5);
          } else {
            rig.printing("p1", "gear.gcode", 5 + i * 5);
          }
        }
        Job job = rig.onlyJob();
        assertTrue(job.status().isOpen());
        assertEquals(1, rig.events.events(JobAutoCreated.class).size());
      }
    }

    @Test
    void restartWithPrinterJobIdKeepsOneJob() {
      try (Rig rig = new Rig("p1").start()) {
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.bgcode").printerJobId("17")
            .progress(2.0));
        rig.restart();
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("A.BGCODE").printerJobId("17")
            .progress(1.0));
        assertEquals(1, rig.jobs().size());
      }
    }
  }

  @Nested
  @DisplayName("P4: pause and resume keep the same job")
  class P4 {
    @Test
    void manyPausesIncludingRunOutAndLongPauses() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "vase.3mf", 1);
        for (int i = 0; i < 5; i++) {
          rig.minutes(10);
          rig.send("p1", PrinterState.PAUSED, b -> b.fileName("vase.3mf").progress(10.0)
              .message("filament run-out"));
          rig.advance(i == 4 ? Duration.ofHours(12) : Duration.ofMinutes(3));
          rig.printing("p1", "vase.3mf", 11);
        }
        Job job = rig.onlyJob();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals(5, job.tracking().pauseCount());
        assertEquals(Duration.ofHours(12).plusMinutes(12), job.tracking().pausedTotal());
        assertEquals(10, rig.events.events(PrinternizerEvent.JobStatusChanged.class).size());
      }
    }
  }

  @Nested
  @DisplayName("P5: a network drop during a print keeps the job and records the gap")
  class P5 {
    @Test
    void reconnectKeepsJobAndRecordsGap() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "bracket.gcode", 10);
        rig.minutes(1);
        Instant lost = rig.clock.instant();
        rig.printer("p1").connectionLost("wifi dropped");
        rig.minutes(7);
        rig.printing("p1", "bracket.gcode", 30);
        Job job = rig.onlyJob();
        assertEquals(1, job.tracking().gaps().size());
        assertEquals(lost, job.tracking().gaps().get(0).from());
        assertEquals(Duration.ofMinutes(7), job.tracking().gaps().get(0).length());
        assertEquals(30.0, job.tracking().progress());
      }
    }

    @Test
    void offlineSnapshotCountsAsConnectionLoss() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "bracket.gcode", 10);
        rig.send("p1", PrinterState.OFFLINE, b -> { });
        rig.minutes(2);
        rig.printing("p1", "bracket.gcode", 12);
        assertEquals(1, rig.onlyJob().tracking().gaps().size());
      }
    }
  }

  @Nested
  @DisplayName("P6: printing the same file twice makes two jobs")
  class P6 {
    @Test
    void sameFileTwiceOnSameDayWithoutJobId() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "clip.gcode", 1);
        rig.minutes(30);
        rig.state("p1", PrinterState.FINISHED, "clip.gcode");
        rig.minutes(1);
        rig.printing("p1", "clip.gcode", 0);
        List<Job> jobs = rig.jobs();
        assertEquals(2, jobs.size());
        assertEquals(JobStatus.COMPLETED, jobs.get(0).status());
        assertEquals(JobStatus.RUNNING, jobs.get(1).status());
      }
    }

    @Test
    void reprintWithinMinutesAfterFailure() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "clip.gcode", 0);
        rig.minutes(1);
        rig.state("p1", PrinterState.FAILED, "clip.gcode");
        rig.advance(Duration.ofSeconds(20));
        rig.printing("p1", "clip.gcode", 0);
        assertEquals(2, rig.jobs().size());
        assertEquals(JobStatus.FAILED, rig.jobs().get(0).status());
      }
    }

    @Test
    void reprintWhileOldJobStillOpenWithNewPrinterJobId() {
      try (Rig rig = new Rig("p1").start()) {
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("clip.gcode").printerJobId("5")
            .progress(90.0));
        rig.minutes(5);
        // the finish of job 5 fell between two polls
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("clip.gcode").printerJobId("6")
            .progress(1.0));
        List<Job> jobs = rig.jobs();
        assertEquals(2, jobs.size());
        assertEquals(JobStatus.INTERRUPTED, jobs.get(0).status());
        assertTrue(jobs.get(0).tracking().closeReason().isPresent());
        assertEquals(JobStatus.RUNNING, jobs.get(1).status());
      }
    }

    @Test
    void reprintWithReusedPrinterStartTime() {
      Instant reused = Instant.parse("2025-12-31T20:00:00Z");
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("plate_1.gcode")
            .reportedStartTime(reused).progress(1.0));
        rig.minutes(20);
        rig.state("p1", PrinterState.FINISHED, "plate_1.gcode");
        rig.restart(); // forget the previous run's reported start
        rig.state("p1", PrinterState.FINISHED, "plate_1.gcode");
        rig.minutes(1);
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("plate_1.gcode")
            .reportedStartTime(reused).progress(0.0));
        assertEquals(2, rig.jobs().size());
      }
    }

    @Test
    void idleBetweenTwoPrintsOfTheSameFile() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "clip.gcode", 50);
        rig.minutes(1);
        rig.idle("p1");
        rig.minutes(1);
        rig.printing("p1", "clip.gcode", 0);
        List<Job> jobs = rig.jobs();
        assertEquals(2, jobs.size());
        assertEquals(JobStatus.INTERRUPTED, jobs.get(0).status());
      }
    }
  }

  @Nested
  @DisplayName("P7: two printers printing the same file get a job each")
  class P7 {
    @Test
    void onePerPrinter() {
      try (Rig rig = new Rig("a", "b").start()) {
        rig.idle("a");
        rig.idle("b");
        rig.printing("a", "cube.gcode", 0);
        rig.printing("b", "cube.gcode", 0);
        List<Job> jobs = rig.jobs();
        assertEquals(2, jobs.size());
        assertNotEquals(jobs.get(0).printerId(), jobs.get(1).printerId());
      }
    }
  }

  @Nested
  @DisplayName("P8: a manual job created shortly before the start is adopted")
  class P8 {
    @Test
    void manualJobWithinWindowIsAdopted() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        Job manual = rig.engine.createManualJob(PrinterId.of("p1"), "Order 4711", "cache/Gear.3mf",
            new BusinessFields("ACME", true, new BigDecimal("3.20"), "rush"));
        rig.minutes(1);
        rig.printing("p1", "gear.gcode.3mf", 0);
        Job job = rig.onlyJob();
        assertEquals(manual.id(), job.id());
        assertFalse(job.autoCreated());
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("ACME", job.business().customer());
        assertTrue(job.run().isPresent());
        assertEquals(1, rig.events.events(PrinternizerEvent.JobAdopted.class).size());
        assertEquals(0, rig.events.events(JobAutoCreated.class).size());
      }
    }

    @Test
    void manualJobOutsideWindowIsNotAdopted() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.engine.createManualJob(PrinterId.of("p1"), null, "gear.3mf", null);
        rig.minutes(3);
        rig.printing("p1", "gear.3mf", 0);
        assertEquals(2, rig.jobs().size());
      }
    }

    @Test
    void windowIsConfigurable() {
      try (Rig rig = new Rig("p1").start()) {
        rig.settings.setDedupWindow(Duration.ofMinutes(10));
        rig.idle("p1");
        rig.engine.createManualJob(PrinterId.of("p1"), null, "gear.3mf", null);
        rig.minutes(8);
        rig.printing("p1", "gear.3mf", 0);
        assertEquals(1, rig.jobs().size());
      }
    }
  }

  @Nested
  @DisplayName("P9: auto-creation can be switched off and on at runtime")
  class P9 {
    @Test
    void disabledGloballyCreatesNothingAndReenablingActsAtOnce() {
      try (Rig rig = new Rig("p1").start()) {
        rig.settings.setAutoCreate(false);
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 1);
        rig.printing("p1", "a.gcode", 2);
        assertEquals(0, rig.jobs().size());
        rig.settings.setAutoCreate(true); // no further snapshot needed
        Job job = rig.onlyJob();
        assertEquals(Detection.LIVE, job.run().orElseThrow().detection());
      }
    }

    @Test
    void perPrinterOverrideWins() {
      try (Rig rig = new Rig("a", "b").start()) {
        rig.settings.setAutoCreate(PrinterId.of("b"), false);
        rig.idle("a");
        rig.idle("b");
        rig.printing("a", "x.gcode", 0);
        rig.printing("b", "x.gcode", 0);
        assertEquals(List.of(PrinterId.of("a")),
            rig.jobs().stream().map(Job::printerId).toList());
      }
    }

    @Test
    void jobsAlreadyCreatedKeepBeingTracked() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 1);
        rig.settings.setAutoCreate(false);
        rig.printing("p1", "a.gcode", 60);
        rig.state("p1", PrinterState.FINISHED, "a.gcode");
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
        rig.printing("p1", "b.gcode", 0);
        assertEquals(1, rig.jobs().size());
      }
    }

    @Test
    void settingsFromEnvironment() {
      AutoJobSettings s = new AutoJobSettings()
          .applyEnvironment(Map.of("JOB_CREATION_AUTO_CREATE", "false"), List.of());
      try (Rig rig = new Rig(new InMemoryJobStore(), new ManualClock(), s, "p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 1);
        assertEquals(0, rig.jobs().size());
      }
    }
  }

  @Nested
  @DisplayName("P10: the end of a print closes the job with its outcome")
  class P10 {
    private Job run(PrinterState end) {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 0);
        rig.minutes(90);
        rig.printing("p1", "part.gcode", 97);
        rig.minutes(3);
        rig.state("p1", end, "part.gcode");
        Job job = rig.onlyJob();
        assertEquals(rig.clock.instant(), job.tracking().endTime().orElseThrow());
        assertEquals(Duration.ofMinutes(93), job.tracking().duration().orElseThrow());
        assertEquals(1, rig.events.events(JobClosed.class).size());
        return job;
      }
    }

    @Test
    void finished() {
      Job job = run(PrinterState.FINISHED);
      assertEquals(JobStatus.COMPLETED, job.status());
      assertEquals(100.0, job.tracking().progress());
    }

    @Test
    void failedKeepsLastProgress() {
      Job job = run(PrinterState.FAILED);
      assertEquals(JobStatus.FAILED, job.status());
      assertEquals(97.0, job.tracking().progress());
    }

    @Test
    void cancelledIsToldApartFromFailed() {
      assertEquals(JobStatus.CANCELLED, run(PrinterState.CANCELLED).status());
    }

    @Test
    void lingeringFinishDoesNotCloseTwiceOrCreate() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 0);
        rig.state("p1", PrinterState.FINISHED, "part.gcode");
        rig.minutes(60);
        rig.send("p1", PrinterState.FINISHED, b -> b.fileName("part.gcode").message("still"));
        rig.restart();
        rig.state("p1", PrinterState.FINISHED, "part.gcode");
        assertEquals(1, rig.jobs().size());
        assertEquals(1, rig.events.events(JobClosed.class).size());
      }
    }
  }

  @Nested
  @DisplayName("P11: a print that ended while unobserved is closed on first sight")
  class P11 {
    @Test
    void finishedWhileEngineDown() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 10);
        rig.engine.close();
        rig.minutes(120);
        rig.start();
        rig.state("p1", PrinterState.FINISHED, "part.gcode");
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
      }
    }

    @Test
    void idleWhenSeenAgainIsInterruptedWithReasonNeverCompleted() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 99);
        rig.printer("p1").connectionLost("power cut");
        rig.minutes(60);
        rig.idle("p1");
        Job job = rig.onlyJob();
        assertEquals(JobStatus.INTERRUPTED, job.status());
        assertTrue(job.tracking().closeReason().orElseThrow().contains("idle"));
      }
    }

    @Test
    void outcomeOfAnotherFileIsNotTakenForThisJob() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 10);
        rig.restart();
        rig.state("p1", PrinterState.FINISHED, "other.gcode");
        assertEquals(JobStatus.INTERRUPTED, rig.onlyJob().status());
      }
    }

    @Test
    void restartAcrossAFinishAndAReprint() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.gcode", 80);
        rig.engine.close();
        rig.minutes(90); // finished and reprinted while the engine was down
        rig.start();
        rig.printing("p1", "part.gcode", 20);
        List<Job> jobs = rig.jobs();
        assertEquals(2, jobs.size());
        assertEquals(JobStatus.INTERRUPTED, jobs.get(0).status());
        assertEquals(JobStatus.RUNNING, jobs.get(1).status());
        assertEquals(Detection.STARTUP, jobs.get(1).run().orElseThrow().detection());
      }
    }
  }

  @Nested
  @DisplayName("P12: names that differ only in form are one file")
  class P12 {
    @Test
    void prefixesExtensionsCaseAndSpacesDoNotDuplicate() {
      String[] forms = {"cache/Benchy.gcode.3mf", "Benchy.3mf", "/sdcard/BENCHY.gcode ",
          "benchy.bgcode", "Metadata/benchy"};
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", forms[0], 1);
        for (int i = 1; i < forms.length; i++) {
          rig.restart();
          rig.printing("p1", forms[i], 1 + i);
        }
        Job job = rig.onlyJob();
        assertEquals("Benchy", job.name());
        assertEquals("cache/Benchy.gcode.3mf", job.fileName().orElseThrow());
      }
    }
  }

  @Nested
  @DisplayName("P13: the printer's start time wins; a derived start is frozen")
  class P13 {
    @Test
    void reportedStartBecomesStartAndDiscoveryIsKept() {
      try (Rig rig = new Rig("p1").start()) {
        Instant reported = rig.clock.instant().minus(Duration.ofMinutes(42));
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode")
            .reportedStartTime(reported));
        Job job = rig.onlyJob();
        assertEquals(reported, job.tracking().startTime().orElseThrow());
        assertEquals(reported, job.run().orElseThrow().printerStartTime());
        assertEquals(rig.clock.instant(), job.run().orElseThrow().discoveryTime());
      }
    }

    @Test
    void derivedStartIsComputedOnceAndFrozen() {
      try (Rig rig = new Rig("p1").start()) {
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode")
            .elapsed(Duration.ofMinutes(10)));
        Instant start = rig.onlyJob().tracking().startTime().orElseThrow();
        assertEquals(rig.clock.instant().minus(Duration.ofMinutes(10)), start);
        rig.advance(Duration.ofSeconds(37));
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode")
            .elapsed(Duration.ofMinutes(10).plusSeconds(2)).progress(3.0)); // jittery
        rig.restart();
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode")
            .elapsed(Duration.ofMinutes(10).plusSeconds(40)).progress(4.0));
        Job job = rig.onlyJob();
        assertEquals(start, job.tracking().startTime().orElseThrow());
        assertNull(job.run().orElseThrow().printerStartTime());
      }
    }

    @Test
    void withoutPrinterTimeTheDiscoveryTimeIsTheStart() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 0);
        Job job = rig.onlyJob();
        assertEquals(job.run().orElseThrow().discoveryTime(),
            job.tracking().startTime().orElseThrow());
      }
    }

    @Test
    void implausibleFutureStartIsIgnored() {
      try (Rig rig = new Rig("p1").start()) {
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("a.gcode")
            .reportedStartTime(rig.clock.instant().plus(Duration.ofDays(400))));
        assertEquals(rig.clock.instant(), rig.onlyJob().tracking().startTime().orElseThrow());
      }
    }
  }

  @Nested
  @DisplayName("P14: calibration and system jobs are not auto-created")
  class P14 {
    @Test
    void systemFlagAndUsrFilesAreSkipped() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("auto_cali.gcode").systemJob(true));
        rig.idle("p1");
        rig.printing("p1", "/usr/etc/print/auto_cali_for_user.gcode", 0);
        rig.idle("p1");
        assertEquals(0, rig.jobs().size());
      }
    }

    @Test
    void configurable() {
      try (Rig rig = new Rig("p1").start()) {
        rig.settings.setSkipSystemJobs(false);
        rig.idle("p1");
        rig.printing("p1", "/usr/etc/print/auto_cali_for_user.gcode", 0);
        assertEquals(1, rig.jobs().size());
      }
    }
  }

  @Nested
  @DisplayName("P15: auto-created jobs carry metadata that edits cannot erase")
  class P15 {
    @Test
    void metadataSurvivesBusinessEdits() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 0);
        Job job = rig.onlyJob();
        Map<String, Object> before = job.customerInfo();
        assertEquals(Boolean.TRUE, before.get("auto_created"));
        assertEquals(rig.clock.instant().toString(), before.get("discovery_time"));
        assertEquals(Boolean.FALSE, before.get("discovered_on_startup"));
        assertTrue(before.containsKey("printer_start_time"));
        assertNull(before.get("printer_start_time"));
        assertTrue(job.customerInfoJson().startsWith("{\"auto_created\":true,"));
        Job edited = rig.engine.updateBusiness(job.id(),
            new BusinessFields("Customer GmbH", true, new BigDecimal("12.50"), "note"))
            .orElseThrow();
        assertEquals(before, edited.customerInfo());
        assertTrue(edited.autoCreated());
        rig.printing("p1", "a.gcode", 50);
        rig.minutes(1);
        rig.printing("p1", "a.gcode", 51);
        Job later = rig.onlyJob();
        assertEquals("Customer GmbH", later.business().customer());
        assertEquals(before, later.customerInfo());
      }
    }
  }

  @Nested
  @DisplayName("P16: exactly one notification per auto-created job; notifiers cannot break it")
  class P16 {
    @Test
    void noRepeatAfterRestartOrReconnect() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 0);
        rig.printer("p1").connectionLost("x");
        rig.printing("p1", "a.gcode", 5);
        rig.restart();
        rig.printing("p1", "a.gcode", 9);
        List<JobAutoCreated> created = rig.events.events(JobAutoCreated.class);
        assertEquals(1, created.size());
        assertEquals("Printer p1", created.get(0).printerName());
        assertEquals("a.gcode", created.get(0).fileName());
        assertFalse(created.get(0).discoveredOnStartup());
      }
    }

    @Test
    void failingNotifierNeverStopsCreation() {
      Rig rig = new Rig("p1");
      rig.extraNotifiers.add(e -> {
        throw new IllegalStateException("webhook down");
      });
      try (rig) {
        rig.start();
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 0);
        rig.state("p1", PrinterState.FINISHED, "a.gcode");
        rig.printing("p1", "b.gcode", 0);
        assertEquals(2, rig.jobs().size());
        assertEquals(2, rig.events.events(JobAutoCreated.class).size());
      }
    }
  }

  @Nested
  @DisplayName("Store outages lose no run")
  class StoreOutage {
    @Test
    void jobAppearsOnceWithTheRightStartWhenTheStoreIsBack() {
      FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
      try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
        rig.idle("p1");
        faulty.setDown(true);
        Instant start = rig.clock.instant();
        rig.printing("p1", "a.gcode", 0);
        rig.minutes(1);
        rig.printing("p1", "a.gcode", 0); // same reading: the retry is not skipped
        rig.minutes(1);
        rig.printing("p1", "a.gcode", 1);
        faulty.setDown(false);
        rig.minutes(1);
        rig.printing("p1", "a.gcode", 2);
        Job job = rig.onlyJob();
        assertEquals(start, job.tracking().startTime().orElseThrow());
        assertEquals(1, rig.events.events(JobAutoCreated.class).size());
      }
    }

    @Test
    void closeIsRetriedAfterAnOutage() {
      FaultyJobStore faulty = new FaultyJobStore(new InMemoryJobStore());
      try (Rig rig = new Rig(faulty, new ManualClock(), new AutoJobSettings(), "p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "a.gcode", 0);
        faulty.setDown(true);
        rig.state("p1", PrinterState.FINISHED, "a.gcode");
        faulty.setDown(false);
        rig.minutes(1);
        rig.state("p1", PrinterState.FINISHED, "a.gcode");
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
      }
    }
  }

  @Nested
  @DisplayName("Regressions found by the model-based test")
  class Regressions {
    /** Model seed 42, case 44: a duplicated report from before a connection loss. */
    @Test
    void duplicateOfAReportFromBeforeAConnectionLossIsIgnored() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.minutes(1);
        dev.printernizer.api.StatusSnapshot old = rig.printer("p1")
            .snapshot(PrinterState.PRINTING).fileName("cube.gcode").progress(5.0).build();
        rig.printer("p1").publish(old);
        rig.minutes(1);
        rig.printer("p1").connectionLost("wifi");
        rig.printer("p1").publish(old); // arrives after the loss, stamped before it
        rig.minutes(1);
        rig.printing("p1", "cube.gcode", 6);
        Job job = rig.onlyJob();
        assertEquals(0, rig.engine.failedTasks());
        assertEquals(1, job.tracking().gaps().size());
        assertFalse(job.tracking().gaps().get(0).to().isBefore(job.tracking().gaps().get(0).from()));
      }
    }

    /** Model seed 1234567890123, case 1448: a calibration and a user print share a name. */
    @Test
    void aCalibrationRunAndALaterUserPrintAreNeverOneRun() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "/usr/etc/print/gear v2.gcode", 0);
        rig.printer("p1").connectionLost("wifi");
        rig.minutes(30);
        rig.printing("p1", "gear v2.gcode.3mf", 0);
        Job job = rig.onlyJob();
        assertEquals("gear v2", job.name());
        assertEquals(Detection.RECONNECT, job.run().orElseThrow().detection());
      }
    }
  }
}
