package dev.printernizer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI runs the quick mode so the benchmarks cannot rot; the report logic is checked on its own. */
class QuickModeTest {

  @Test
  void quickModeRunsEveryBenchmarkAgainstEveryStoreAndWritesTheReport(@TempDir Path dir)
      throws Exception {
    List<BenchmarkReport.Figure> figures = BenchmarkReport.run(true);
    List<String> stores = BenchmarkReport.stores();
    Set<String> names = figures.stream().map(BenchmarkReport.Figure::benchmark)
        .collect(Collectors.toSet());
    assertEquals(Set.of("AutoCreateLatencyBenchmark.snapshotToCommittedNotifiedJob",
        "EngineThroughputBenchmark.unchangedUpdates", "EngineThroughputBenchmark.changingUpdates",
        "DedupLookupBenchmark.findByRunKey", "DedupLookupBenchmark.findOpenJob",
        "DedupLookupBenchmark.createIfAbsentOfStoredRun", "ConcurrentUpdatesBenchmark.burst of 50",
        "ConcurrentUpdatesBenchmark.burst of 1000"), names);
    assertEquals(Set.of("1", "50", "1000"), figures.stream()
        .filter(f -> f.benchmark().startsWith("ConcurrentUpdates"))
        .map(BenchmarkReport.Figure::printers).collect(Collectors.toSet()));
    for (String store : stores) {
      assertTrue(figures.stream().anyMatch(f -> f.benchmark().startsWith("AutoCreate")
          && f.store().equals(store) && f.samples() > 0 && f.p99() > 0), store);
      assertEquals(3, figures.stream().filter(f -> f.benchmark().startsWith("Dedup")
          && f.store().equals(store)).count(), store);
    }
    for (BenchmarkReport.Figure f : figures) {
      assertTrue(Double.isFinite(f.score()) && f.score() > 0, f.toString());
    }
    MemoryProbe.Figures memory = MemoryProbe.measure(200, 200);
    assertTrue(memory.bytesPerPrinter() > 0, memory.toString());
    assertTrue(memory.cachedAfterTwiceTheBound() <= 200, memory.toString());
    Path out = dir.resolve("report.md");
    List<ScaleHarness.Result> scale = BenchmarkReport.scale(true);
    assertEquals(List.of("bambu", "prusa"), scale.stream().map(ScaleHarness.Result::protocol)
        .toList());
    for (ScaleHarness.Result r : scale) {
      assertEquals(20, r.detected(), r.toString());
      assertEquals(0, r.failedTasks(), r.toString());
      assertTrue(r.bareSamples() > 0 && r.bareP50Ms() > 0, r.toString());
      assertTrue(r.detectionP50Ms() > 0 && r.detectionP99Ms() >= r.detectionP50Ms(),
          r.toString());
    }
    // a PrusaLink print is seen by the next poll: within one 2 s interval and a few requests
    assertTrue(scale.get(1).detectionMaxMs() < 2_000 + 1_000, scale.get(1).toString());
    BenchmarkReport.write(out, true, figures, memory, scale);
    String md = Files.readString(out);
    assertTrue(md.contains("## Targets") && md.contains("Quick mode")
        && md.contains("bytes per printer over 200 printers")
        && md.contains("## Scale: many printers in one JVM"), md);
  }

  @Test
  void aMissedTargetIsReportedAndASizeBelowAMillionIsNotCountedAsMet(@TempDir Path dir)
      throws Exception {
    List<BenchmarkReport.Figure> figures = List.of(
        new BenchmarkReport.Figure("AutoCreateLatencyBenchmark.snapshotToCommittedNotifiedJob",
            "h2", "-", "-", 900, 10, "us/op", 800, 6000, 100),
        new BenchmarkReport.Figure("DedupLookupBenchmark.findByRunKey", "h2", "1000", "-", 30, 1,
            "us/op", 25, 90, 100),
        new BenchmarkReport.Figure("EngineThroughputBenchmark.unchangedUpdates", "-", "-", "1",
            50_000, 100, "ops/s", Double.NaN, Double.NaN, 5));
    Path out = dir.resolve("report.md");
    BenchmarkReport.write(out, false, figures, null, List.of());
    String md = Files.readString(out);
    assertTrue(md.contains("on h2: p99 < 5.000 ms | p50 0.800 ms, p99 6.000 ms | **MISSED**"), md);
    assertTrue(md.contains("`findByRunKey` on h2: p99 < 1 ms at 1,000,000 stored jobs"
        + " | p99 0.090 ms at 1000 stored jobs | NOT MEASURED"), md);
    assertTrue(md.contains("(1 printer) | 50,000 ± 100.000 updates/s | **MISSED**"), md);
    assertTrue(md.contains("on postgres: p99 < 10.000 ms | not measured | NOT MEASURED"), md);
  }

  @Test
  void bulkSeededRowsAreFoundByTheirRunKeyAndDeduplicated() {
    for (String kind : BenchmarkReport.stores()) {
      try (Stores.Handle h = Stores.open(kind)) {
        Stores.seed(h, 5_000);
        assertEquals(5_000, h.store().count(dev.printernizer.api.JobQuery.all()), kind);
        var job = h.store().findByRunKey(Stores.seededPrinter(4_321), Stores.seededKey(4_321));
        assertTrue(job.isPresent(), kind);
        assertEquals("job 4321", job.get().name(), kind);
        assertEquals(Stores.seededPrinter(4_321), job.get().printerId(), kind);
        assertTrue(h.store().findOpenJob(Stores.seededPrinter(4_321)).isEmpty(), kind);
        java.time.Instant t = java.time.Instant.parse("2024-01-01T00:00:00Z")
            .plusSeconds(60L * 4_321);
        var again = dev.printernizer.api.Job.builder("dup-4321", Stores.seededPrinter(4_321),
            "dup", t).autoCreated(true).run(new dev.printernizer.api.RunLink(
                Stores.seededKey(4_321), null, dev.printernizer.api.Detection.LIVE, t, null))
            .tracking(dev.printernizer.api.Tracking.started(dev.printernizer.api.JobStatus.RUNNING,
                t)).build();
        assertEquals(dev.printernizer.spi.StoreResult.Outcome.EXISTING,
            h.store().createIfAbsent(again).outcome(), kind);
        assertEquals(5_000, h.store().count(dev.printernizer.api.JobQuery.all()), kind);
      }
    }
  }
}
