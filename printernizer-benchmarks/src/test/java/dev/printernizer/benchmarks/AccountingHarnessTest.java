package dev.printernizer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounting harness at a small size, so it cannot rot; and its report section. */
class AccountingHarnessTest {

  @Test
  void statisticsAndExportRunOnASmallHistoryAndTheSectionIsSpliced(@TempDir Path dir)
      throws Exception {
    AccountingHarness.Result stats = AccountingHarness.run("stats", "h2", 10_000);
    assertEquals(10_000, stats.statJobs(), stats.toString());
    assertTrue(stats.p50Ms() > 0 && stats.p99Ms() >= stats.p50Ms(), stats.toString());
    AccountingHarness.Result export = AccountingHarness.run("export", "h2", 10_000);
    assertEquals(10_000, export.statJobs(), export.toString());
    assertTrue(export.bytes() > 10_000 * 100 && export.seconds() > 0, export.toString());
    Path report = dir.resolve("benchmarks.md");
    Files.writeString(report, "# Benchmarks\n\nbefore\n");
    for (int i = 0; i < 2; i++) { // a second splice replaces the first
      StringBuilder md = new StringBuilder();
      AccountingReport.section(md, List.of(stats, export), List.of(), 10_000);
      AccountingReport.splice(report, md.toString());
    }
    String md = Files.readString(report);
    assertTrue(md.startsWith("# Benchmarks\n\nbefore\n"), md);
    assertEquals(md.indexOf(AccountingReport.BEGIN), md.lastIndexOf(AccountingReport.BEGIN), md);
    assertTrue(md.contains("Statistics over 10,000 jobs on h2: p99 < 100 ms | p50 "), md);
    assertTrue(md.contains("| **MISSED** |") || md.contains("| met |"), md);
    assertTrue(md.contains("Statistics over 10,000 jobs on postgres: p99 < 100 ms | not measured"
        + " | NOT MEASURED |"), md);
    assertTrue(md.contains("Job creation latency on h2"), md);
  }

  @Test
  void aSizeThatIsNoMultipleOfTheTemplatesIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AccountingHarness.run("stats", "h2", 1500));
  }
}
