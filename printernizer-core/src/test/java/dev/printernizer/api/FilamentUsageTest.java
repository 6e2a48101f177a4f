package dev.printernizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The filament a closed job used: all of the plan, a share of its layers, or of its progress. */
class FilamentUsageTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final PrintFile PLAN = PrintFile.builder().filaments(List.of(
      new FilamentUse(0, "PLA", "#FF8000", 20.0, 8.0), new FilamentUse(2, "PETG", null, 4.0, null)))
      .build();

  private static Tracking ended(JobStatus outcome, double progress, Integer layer, Integer total) {
    return Tracking.started(JobStatus.RUNNING, T0).withProgress(progress, null, layer, total)
        .closed(outcome, T0.plusSeconds(600), null);
  }

  @Test
  void aCompletedPrintUsedItsPlan() {
    FilamentUsage u = FilamentUsage.of(PLAN, ended(JobStatus.COMPLETED, 97, 150, 200))
        .orElseThrow();
    assertEquals(FilamentUsage.Method.ESTIMATE, u.method());
    assertEquals(Optional.of(24.0), u.totalGrams());
    assertEquals(8.0, u.filaments().get(0).meters());
  }

  @Test
  void anEndedPrintUsedTheShareOfLayersElseOfProgress() {
    FilamentUsage layers = FilamentUsage.of(PLAN, ended(JobStatus.FAILED, 90, 50, 200))
        .orElseThrow();
    assertEquals(FilamentUsage.Method.LAYERS, layers.method());
    assertEquals(0.25, layers.share());
    assertEquals(5.0, layers.filaments().get(0).grams());
    assertEquals("PLA", layers.filaments().get(0).material());
    FilamentUsage progress = FilamentUsage.of(PLAN, ended(JobStatus.CANCELLED, 40, null, null))
        .orElseThrow();
    assertEquals(FilamentUsage.Method.PROGRESS, progress.method());
    assertEquals(Optional.of(9.6), progress.totalGrams(), "rounded to thousandths");
    assertEquals(3.2, progress.filaments().get(0).meters(), 1e-9);
    assertEquals(FilamentUsage.Method.PROGRESS, FilamentUsage.of(PLAN,
        ended(JobStatus.INTERRUPTED, 10, 7, 0)).orElseThrow().method(), "no layer count");
  }

  @Test
  void nothingWhileOpenOrWithoutPlannedAmounts() {
    assertTrue(FilamentUsage.of(PLAN, Tracking.started(JobStatus.RUNNING, T0)).isEmpty());
    PrintFile noAmounts = PrintFile.builder().filaments(List.of(
        new FilamentUse(0, "PLA", null, null, null))).build();
    assertTrue(FilamentUsage.of(noAmounts, ended(JobStatus.COMPLETED, 100, null, null))
        .isEmpty());
    Job open = Job.builder("j", PrinterId.of("p"), "n", T0).build();
    assertTrue(open.filamentUsed().isEmpty());
  }
}
