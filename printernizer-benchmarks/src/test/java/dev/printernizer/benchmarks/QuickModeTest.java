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
        "DedupLookupBenchmark.createIfAbsentOfStoredRun"), names);
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
    BenchmarkReport.write(out, true, figures, memory);
    String md = Files.readString(out);
    assertTrue(md.contains("## Targets") && md.contains("Quick mode")
        && md.contains("bytes per printer over 200 printers"), md);
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
    BenchmarkReport.write(out, false, figures, null);
    String md = Files.readString(out);
    assertTrue(md.contains("on h2: p99 < 5.000 ms | p50 0.800 ms, p99 6.000 ms | **MISSED**"), md);
    assertTrue(md.contains("`findByRunKey` on h2: p99 < 1 ms at 1,000,000 stored jobs"
        + " | p99 0.090 ms at 1000 stored jobs | NOT MEASURED"), md);
    assertTrue(md.contains("(1 printer) | 50,000 ± 100.000 updates/s | **MISSED**"), md);
    assertTrue(md.contains("on postgres: p99 < 10.000 ms | not measured | NOT MEASURED"), md);
  }
}
