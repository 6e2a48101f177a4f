package dev.printernizer.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.printernizer.api.Detection;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRulesTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final PrintFile PLAN = PrintFile.builder()
      .filaments(List.of(new FilamentUse(0, "PLA", null, 12.0, 4.0))).build();

  private static Job closedWithFilament(Detection detection) {
    return Job.builder("j-" + detection, PrinterId.of("voron"), "Cube", T).fileName("Cube.gcode")
        .autoCreated(true).printFile(PLAN)
        .run(new RunLink("k-" + detection, "0000E1", detection, T, T))
        .tracking(Tracking.started(JobStatus.RUNNING, T).withProgress(100, null, null, null)
            .closed(JobStatus.COMPLETED, T.plus(Duration.ofHours(1)), null))
        .build();
  }

  private static List<OutboxEvent> events(Job job) {
    return OutboxRules.changes(null, job, T).stream().map(OutboxEntry::event).toList();
  }

  @Test
  void aJobThatClosedWithItsFilamentKnownIsChargedOnce() {
    assertEquals(List.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED,
        OutboxEvent.FILAMENT_USED), events(closedWithFilament(Detection.LIVE)));
  }

  @Test
  void aPastPrintFromThePrintersHistoryIsAnnouncedButNeverCharged() {
    // which spool it used is unknown days later, and Moonraker may have charged it itself
    assertEquals(List.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED),
        events(closedWithFilament(Detection.BACKFILL)));
  }
}
