package dev.printernizer.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.PastPrint;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testsupport.DirectClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backfill imports each past print of a printer's history once, and never one it has. */
class BackfillTest {
  private static final PrinterId P = PrinterId.of("voron");
  private final DirectClock clock = new DirectClock();
  private final InMemoryJobStore store = new InMemoryJobStore(clock);
  private final AutoJobSettings settings = new AutoJobSettings().setBackfill(Duration.ofDays(7));
  private final List<dev.printernizer.api.PrinternizerEvent> events = new ArrayList<>();
  private final Backfill backfill = new Backfill(clock, Runnable::run, store, settings,
      () -> UUID.randomUUID().toString(), events::add, id -> "Voron " + id.value());
  private final List<PastPrint> history = new ArrayList<>();

  private PastPrint past(String id, String file, Duration ago, JobStatus outcome) {
    Instant start = clock.instant().minus(ago);
    PastPrint p = new PastPrint(id, file, start, start.plus(Duration.ofMinutes(30)), outcome,
        Duration.ofMinutes(29));
    history.add(p);
    return p;
  }

  private List<Job> jobs() {
    return store.query(JobQuery.all());
  }

  @Test
  void eachPastPrintOnceWithItsOutcomeHowOftenItRuns() {
    past("0000E0", "Cube.gcode", Duration.ofDays(2), JobStatus.COMPLETED);
    past("0000E1", "Cube.gcode", Duration.ofDays(1), JobStatus.CANCELLED);
    past("0000E2", "Bracket.gcode", Duration.ofHours(5), JobStatus.FAILED);
    past("000001", "Ancient.gcode", Duration.ofDays(30), JobStatus.COMPLETED); // before horizon
    assertEquals(3, backfill.pass(P, since -> List.copyOf(history), settings.backfill()));
    for (int i = 0; i < 3; i++) {
      assertEquals(0, backfill.pass(P, since -> List.copyOf(history), settings.backfill()));
    }
    List<Job> all = jobs();
    assertEquals(3, all.size(), all.toString());
    for (Job j : all) {
      RunLink run = j.run().orElseThrow();
      assertEquals(Detection.BACKFILL, run.detection());
      assertTrue(j.status().isClosed());
      assertTrue(j.autoCreated());
    }
    Job cancelled = all.stream().filter(j -> "0000E1".equals(j.run().orElseThrow()
        .printerJobId())).findFirst().orElseThrow();
    assertEquals(JobStatus.CANCELLED, cancelled.status());
    assertEquals(clock.instant().minus(Duration.ofDays(1)),
        cancelled.tracking().startTime().orElseThrow());
    assertEquals("Cube", cancelled.name());
  }

  @Test
  void aPrintTheEngineHasIsSkippedByIdOrByFileAndStart() {
    PastPrint withId = past("0000E5", "Live.gcode", Duration.ofHours(3), JobStatus.COMPLETED);
    PastPrint withoutId = past("0000E6", "Live2.gcode", Duration.ofHours(2),
        JobStatus.COMPLETED);
    store.createIfAbsent(live("k1", "0000E5", withId, "live"));
    store.createIfAbsent(live("k2", null, withoutId.start().plusSeconds(40), "live2"));
    assertEquals(0, backfill.pass(P, since -> List.copyOf(history), settings.backfill()));
    assertEquals(2, jobs().size());
  }

  @Test
  void theFilesDescriptionAndProgressGiveTheImportedJobItsFilament() {
    Instant start = clock.instant().minus(Duration.ofHours(6));
    dev.printernizer.api.PrintFile plan = dev.printernizer.api.PrintFile.builder()
        .filaments(List.of(new dev.printernizer.api.FilamentUse(0, "PLA", null, 20.0, 6.0)))
        .build();
    history.add(new PastPrint("0000A1", "Vase.gcode", start, start.plus(Duration.ofHours(1)),
        JobStatus.CANCELLED, null, plan, 25.0));
    history.add(new PastPrint("0000A2", "Vase.gcode", start.plus(Duration.ofHours(2)),
        start.plus(Duration.ofHours(4)), JobStatus.COMPLETED, null, plan, null));
    assertEquals(2, backfill.pass(P, since -> List.copyOf(history), settings.backfill()));
    Job cancelled = jobs().stream().filter(j -> j.status() == JobStatus.CANCELLED).findFirst()
        .orElseThrow();
    assertEquals(plan, cancelled.printFile().orElseThrow());
    assertEquals(5.0, cancelled.filamentUsed().orElseThrow().totalGrams().orElseThrow(), 1e-9);
    Job completed = jobs().stream().filter(j -> j.status() == JobStatus.COMPLETED).findFirst()
        .orElseThrow();
    assertEquals(20.0, completed.filamentUsed().orElseThrow().totalGrams().orElseThrow(), 1e-9,
        "a completed print used its whole plan");
  }

  @Test
  void aReprintOfTheSameFileSoonAfterAJobWithAnotherPrinterJobIdIsImported() {
    // the live job knows its printer job id (0000F0); the past print has another (0000F1): a
    // second print of the same file two minutes later, not the same print
    PastPrint reprint = past("0000F1", "Cube.gcode", Duration.ofHours(2), JobStatus.COMPLETED);
    store.createIfAbsent(live("k1", "0000F0", reprint.start().minusSeconds(120), "cube"));
    assertEquals(1, backfill.pass(P, since -> List.copyOf(history), settings.backfill()),
        "a job with a different printer job id is a different print");
    assertEquals(2, jobs().size());
  }

  private Job live(String key, String printerJobId, PastPrint p, String norm) {
    return live(key, printerJobId, p.start(), norm);
  }

  private Job live(String key, String printerJobId, Instant start, String norm) {
    return Job.builder(UUID.randomUUID().toString(), P, norm, clock.instant())
        .normalizedFile(norm).autoCreated(true)
        .run(new RunLink(key, printerJobId, Detection.LIVE, start, null))
        .tracking(Tracking.started(JobStatus.RUNNING, start).closed(JobStatus.COMPLETED,
            start.plus(Duration.ofMinutes(30)), null))
        .build();
  }

  @Test
  void offByDefaultAndAFailingHistoryImportsNothing() {
    past("0000E0", "Cube.gcode", Duration.ofDays(2), JobStatus.COMPLETED);
    Backfill off = new Backfill(clock, Runnable::run, store, new AutoJobSettings(),
        () -> UUID.randomUUID().toString());
    off.request(P, since -> List.copyOf(history));
    assertEquals(0, jobs().size(), "job_creation_backfill is 0 by default: off");
    assertEquals(0, backfill.pass(P, since -> {
      throw new IOException("printer busy");
    }, settings.backfill()));
    assertEquals(0, jobs().size());
    backfill.request(P, since -> List.copyOf(history));
    assertEquals(1, jobs().size(), "the next connect imports it");
  }

  @Test
  void eachImportIsAnnouncedAndAutoCreationOffOrASystemPrintImportsNothing() {
    past("0000E0", "Cube.gcode", Duration.ofDays(2), JobStatus.COMPLETED);
    past("0000E1", "/usr/etc/print/auto_cali_for_user.gcode", Duration.ofDays(1),
        JobStatus.COMPLETED);
    settings.setAutoCreate(P, false);
    assertEquals(0, backfill.pass(P, since -> List.copyOf(history), settings.backfill()),
        "auto-creation is off for this printer");
    settings.setAutoCreate(P, null);
    assertEquals(1, backfill.pass(P, since -> List.copyOf(history), settings.backfill()),
        "the calibration is a system print, skipped like a live one");
    assertEquals(2, events.size(), events.toString());
    var created = (dev.printernizer.api.PrinternizerEvent.JobAutoCreated) events.get(0);
    assertEquals("Voron voron", created.printerName());
    assertEquals("Cube.gcode", created.fileName());
    assertEquals(JobStatus.COMPLETED, ((dev.printernizer.api.PrinternizerEvent.JobClosed)
        events.get(1)).job().status());
  }
}
