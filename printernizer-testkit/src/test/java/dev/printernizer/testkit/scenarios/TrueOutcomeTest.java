package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.PrinternizerEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every print ends with its true outcome, and odd names still get their job (issue 12, item 3). */
class TrueOutcomeTest {
  private static final String RESTARTED = "the printer restarted or lost power during the print";

  @Nested
  @DisplayName("power loss or reboot mid-print")
  class PowerLoss {
    @Test
    void comingBackIdleAndNamelessIsInterruptedAsARestart() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("Benchy.gcode.3mf")
            .printerJobId("4711").progress(40.0));
        rig.printer("p1").connectionLost("power cut");
        rig.minutes(3);
        rig.idle("p1"); // file name and job ids cleared after the reboot
        Job job = rig.onlyJob();
        assertEquals(JobStatus.INTERRUPTED, job.status());
        assertTrue(job.tracking().closeReason().orElseThrow().startsWith(RESTARTED),
            job.tracking().closeReason().toString());
      }
    }

    @Test
    void aNamelessOutcomeAfterAGapIsNotTakenAsTheJobsOutcome() {
      for (PrinterState end : List.of(PrinterState.CANCELLED, PrinterState.FINISHED,
          PrinterState.FAILED)) {
        try (Rig rig = new Rig("p1").start()) {
          rig.idle("p1");
          rig.send("p1", PrinterState.PRINTING, b -> b.fileName("Benchy.gcode.3mf")
              .printerJobId("4711").progress(40.0));
          rig.printer("p1").connectionLost("power cut");
          rig.minutes(3);
          rig.send("p1", end, b -> { }); // what a driver remembering "was printing" derives
          Job job = rig.onlyJob();
          assertEquals(JobStatus.INTERRUPTED, job.status(), "after " + end);
          assertTrue(job.tracking().closeReason().orElseThrow().contains("without naming"),
              job.tracking().closeReason().toString());
        }
      }
    }

    @Test
    void aNamelessOutcomeSeenWhenTheEngineStartsIsNotTakenEither() {
      // the engine was down: another print may have run and ended unseen (never by guess, P11)
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", "part.bgcode", 40);
        rig.engine.close();
        rig.minutes(30);
        rig.start();
        rig.send("p1", PrinterState.FINISHED, b -> { });
        Job job = rig.onlyJob();
        assertEquals(JobStatus.INTERRUPTED, job.status());
        assertTrue(job.tracking().closeReason().orElseThrow().contains("showed FINISHED"),
            job.tracking().closeReason().toString());
      }
    }

    @Test
    void theSameOutcomeNamingThePrintIsStillTaken() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("Benchy.gcode.3mf")
            .printerJobId("4711").progress(40.0));
        rig.printer("p1").connectionLost("wifi");
        rig.minutes(30);
        rig.send("p1", PrinterState.FINISHED, b -> b.fileName("Benchy.gcode.3mf")
            .printerJobId("4711").progress(100.0));
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
      }
    }
  }

  @Nested
  @DisplayName("an outcome with another printer job id is another print's")
  class OtherJobId {
    @Test
    void liveFinishOfAnotherJobIdInterruptsTheOpenJob() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("cube.gcode")
            .printerJobId("A").progress(10.0));
        rig.send("p1", PrinterState.FINISHED, b -> b.fileName("cube.gcode")
            .printerJobId("B").progress(100.0));
        Job job = rig.onlyJob();
        assertEquals(JobStatus.INTERRUPTED, job.status());
        assertTrue(job.tracking().closeReason().orElseThrow().contains("another print"));
      }
    }

    @Test
    void afterARestartTheSameFileWithAnotherJobIdIsNotThisJobsOutcome() {
      // catches a same-run-for-close rule that ignores the printer's job id
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("cube.gcode")
            .printerJobId("A").progress(10.0));
        rig.restart();
        rig.minutes(90);
        rig.send("p1", PrinterState.FINISHED, b -> b.fileName("cube.gcode")
            .printerJobId("B").progress(100.0));
        assertEquals(JobStatus.INTERRUPTED, rig.onlyJob().status());
      }
    }
  }

  @Nested
  @DisplayName("odd file names and job ids still get their job")
  class OddNames {
    @Test
    void aVeryLongFileNameGetsABoundedNameAndKeepsTheRawName() {
      String raw = "cache/" + "x".repeat(600) + ".gcode.3mf";
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", raw, 1);
        Job job = rig.onlyJob();
        assertEquals(raw, job.fileName().orElseThrow(), "kept exactly as reported");
        assertEquals(500, job.name().length());
        assertTrue(job.name().endsWith("\u2026"), "cut visibly: " + job.name());
        rig.printing("p1", raw, 50);
        rig.state("p1", PrinterState.FINISHED, raw);
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
      }
    }

    @Test
    void aFileNameBeyondWhatTheStoreKeepsIsCutVisibly() {
      String raw = "y".repeat(5000) + ".gcode";
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", raw, 1);
        Job job = rig.onlyJob();
        String kept = job.fileName().orElseThrow();
        assertEquals(1024, kept.length());
        assertTrue(kept.endsWith("\u2026") && raw.startsWith(kept.substring(0, 1023)));
      }
    }

    @Test
    void twoLongNamesThatDifferOnlyAtTheEndAreTwoRuns() {
      String common = "z".repeat(700);
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.printing("p1", common + "-a.gcode", 1);
        rig.state("p1", PrinterState.FINISHED, common + "-a.gcode");
        rig.idle("p1");
        rig.printing("p1", common + "-b.gcode", 1);
        assertEquals(2, rig.jobs().size());
        assertFalse(rig.jobs().get(0).run().orElseThrow().runKey()
            .equals(rig.jobs().get(1).run().orElseThrow().runKey()));
      }
    }

    @Test
    void controlCharactersAndAHugeJobIdDoNotStopTheJob() {
      try (Rig rig = new Rig("p1").start()) {
        rig.idle("p1");
        rig.send("p1", PrinterState.PRINTING, b -> b.fileName("bad\u0000name\u0007.gcode")
            .printerJobId("9".repeat(400)).progress(1.0));
        Job job = rig.onlyJob();
        assertEquals("bad\uFFFDname\uFFFD", job.name());
        rig.send("p1", PrinterState.FINISHED, b -> b.fileName("bad\u0000name\u0007.gcode")
            .printerJobId("9".repeat(400)).progress(100.0));
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status(), "the bounded id still matches");
      }
    }
  }

  @Nested
  @DisplayName("the file as reported, the print by its shown name")
  class DisplayNames {
    @Test
    void theJobKeepsTheReportedFileAndIsNamedAndIdentifiedByTheShownName() {
      try (Rig rig = new Rig("x1").start()) {
        rig.idle("x1");
        rig.send("x1", PrinterState.PRINTING, b -> b.fileName("/data/Metadata/plate_2.gcode")
            .displayName("Planter_plate_2").progress(5.0));
        Job job = rig.onlyJob();
        assertEquals("Planter_plate_2", job.name());
        assertEquals("/data/Metadata/plate_2.gcode", job.fileName().orElseThrow());
        assertEquals("planter_plate_2", job.normalizedFile().orElseThrow());
        rig.restart(); // recognised again by its shown name, not by the plate path
        rig.send("x1", PrinterState.PRINTING, b -> b.fileName("/data/Metadata/plate_2.gcode")
            .displayName("Planter_plate_2").progress(30.0));
        assertEquals(1, rig.jobs().size());
        rig.send("x1", PrinterState.FINISHED, b -> b.displayName("Planter_plate_2")
            .progress(100.0)); // P1 blanks gcode_file after a finish
        assertEquals(JobStatus.COMPLETED, rig.onlyJob().status());
      }
    }

    @Test
    void anotherShownNameOnTheSamePlatePathIsAnotherPrint() {
      try (Rig rig = new Rig("x1").start()) {
        rig.idle("x1");
        rig.send("x1", PrinterState.PRINTING, b -> b.fileName("/data/Metadata/plate_1.gcode")
            .displayName("Planter_plate_1").progress(5.0));
        rig.restart();
        rig.send("x1", PrinterState.PRINTING, b -> b.fileName("/data/Metadata/plate_1.gcode")
            .displayName("Gear_plate_1").progress(1.0));
        assertEquals(2, rig.jobs().size());
        for (Job j : rig.jobs()) {
          assertEquals(j.name().equals("Planter_plate_1") ? JobStatus.INTERRUPTED
              : JobStatus.RUNNING, j.status(), j.toString());
        }
      }
    }
  }

  @Test
  void theStateChangeToPrintingIsEmittedBeforeTheJobItCreates() {
    try (Rig rig = new Rig("p1").start()) {
      rig.idle("p1");
      rig.events.clear();
      rig.printing("p1", "benchy.gcode", 1);
      List<PrinternizerEvent> events = rig.events.events();
      int state = -1;
      int created = -1;
      for (int i = 0; i < events.size(); i++) {
        PrinternizerEvent e = events.get(i);
        if (e instanceof PrinternizerEvent.PrinterStateChanged
            && ((PrinternizerEvent.PrinterStateChanged) e).to() == PrinterState.PRINTING) {
          state = i;
        }
        if (e instanceof PrinternizerEvent.JobAutoCreated) {
          created = i;
        }
      }
      assertTrue(state >= 0 && created >= 0, events.toString());
      assertTrue(state < created, "printer_state_changed before job_auto_created: " + events);
    }
  }
}
