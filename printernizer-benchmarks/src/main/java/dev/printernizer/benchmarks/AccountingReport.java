package dev.printernizer.benchmarks;

import static dev.printernizer.benchmarks.BenchmarkReport.fmt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The accounting section of {@code docs/benchmarks.md}: statistics and export over a large
 * history ({@link AccountingHarness}) and job creation latency before and after accounting
 * ({@link AutoCreateLatencyBenchmark}), written by {@code BenchmarkReport --accounting}, which
 * replaces only this section.
 */
final class AccountingReport {
  static final String BEGIN = "<!-- accounting:begin -->";
  static final String END = "<!-- accounting:end -->";
  static final double STATS_P99_MS = 100;
  static final double EXPORT_SECONDS = 15;
  static final long EXPORT_HEAP_BYTES = 64L * 1024 * 1024;
  /**
   * Creation latency before accounting: the full run of 2026-11-28 (commit 249f627's
   * docs/benchmarks.md), p50 and p99 in ms per store.
   */
  static final List<Object[]> BEFORE = List.of(new Object[] {"h2", 0.127, 0.273},
      new Object[] {"postgres", 1.264, 3.798});

  private AccountingReport() {}

  static void section(StringBuilder md, List<AccountingHarness.Result> results,
      List<BenchmarkReport.Figure> creation, int jobs) {
    md.append('\n').append(BEGIN).append("\n## Accounting: statistics and export of a large"
        + " history\n\n");
    md.append("A history of ").append(String.format(java.util.Locale.ROOT, "%,d", jobs))
        .append(" closed jobs (one a minute over 10 printers for ")
        .append(jobs / 60 / 24).append(" days; a fifth failed at 40 %, each with a print file"
        + " of one or two materials and a cost): 1,000 written through the store, the rest"
        + " copied in bulk in time order (as a history is written; until 2026-12-03 the copies"
        + " were inserted template by template, which scattered neighbouring jobs over the"
        + " embedded H2 file), then the store's running totals filled from the jobs as at an"
        + " upgrade. Statistics: `statistics(StatisticsQuery.all(Europe/Berlin))`, "
        + AccountingHarness.WARMUP + " calls unmeasured, then " + AccountingHarness.CALLS
        + " measured. Export: `JobExport.csv()` of every job to a counting stream, in a JVM"
        + " started with `-Xmx" + AccountingHarness.EXPORT_HEAP + "`; peak heap is the most heap in use"
        + " sampled every 5 ms during the export (the embedded H2 database's cache included). Each run in its own JVM."
        + "\n\nReproduce: `printernizer-benchmarks/run.sh --accounting` (size:"
        + " `BENCH_ACCOUNTING_JOBS`, default 1000000).\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");
    for (String store : List.of("h2", "postgres")) {
      Optional<AccountingHarness.Result> s = results.stream().filter(r -> r.kind()
          .equals("stats") && r.store().equals(store)).findFirst();
      row(md, "Statistics over " + String.format(java.util.Locale.ROOT, "%,d", jobs)
          + " jobs on " + store + ": p99 < " + (int) STATS_P99_MS + " ms",
          s.map(r -> "p50 " + fmt(r.p50Ms()) + " ms, p99 " + fmt(r.p99Ms()) + " ms, max "
              + fmt(r.maxMs()) + " ms over " + r.calls() + " calls"),
          s.map(r -> r.p99Ms() < STATS_P99_MS && jobs >= 1_000_000));
      Optional<AccountingHarness.Result> e = results.stream().filter(r -> r.kind()
          .equals("export") && r.store().equals(store)).findFirst();
      row(md, "Export of " + String.format(java.util.Locale.ROOT, "%,d", jobs) + " jobs from "
          + store + ": < " + (int) EXPORT_SECONDS + " s, heap < 64 MiB",
          e.map(r -> fmt(r.seconds()) + " s, " + fmt(r.bytes() / 1048576.0) + " MiB of CSV,"
              + " peak heap " + fmt(r.peakHeapBytes() / 1048576.0) + " MiB of "
              + fmt(r.maxHeapBytes() / 1048576.0) + " MiB allowed"),
          e.map(r -> r.seconds() < EXPORT_SECONDS && r.peakHeapBytes() < EXPORT_HEAP_BYTES
              && jobs >= 1_000_000));
    }
    for (Object[] before : BEFORE) {
      String store = (String) before[0];
      Optional<BenchmarkReport.Figure> f = creation.stream().filter(x -> x.store()
          .equals(store)).findFirst();
      row(md, "Job creation latency on " + store + " before and after accounting: before p50 "
          + fmt((double) before[1])
          + " ms, p99 " + fmt((double) before[2]) + " ms",
          f.map(x -> "after: p50 " + fmt(x.p50() / 1000) + " ms, p99 " + fmt(x.p99() / 1000)
              + " ms (" + x.samples() + " samples)"),
          Optional.empty());
    }
    md.append("\nThe creation rows have no verdict; the figures are side by side. The print"
        + " file fetch and the cost run after the job is committed, off the creation path; what"
        + " the creating transaction does more now is keep the statistics totals (one more"
        + " statement: the totals row of the job's printer, status and month). Statistics read the running totals the store keeps in"
        + " the transaction of every job write (per printer, status, origin, currency and UTC"
        + " month, and per material) plus the jobs between each UTC month start and the zone's"
        + " month start, so their cost grows with printers and months, not with jobs. A query"
        + " with a time range reads the jobs in the range instead (on the index of the job's"
        + " time).\n");
    md.append(END).append('\n');
  }

  private static void row(StringBuilder md, String target, Optional<String> measured,
      Optional<Boolean> met) {
    md.append("| ").append(target).append(" | ").append(measured.orElse("not measured"))
        .append(" | ").append(met.map(m -> m ? "met" : "**MISSED**").orElse(measured.isPresent()
            ? "reported" : "NOT MEASURED")).append(" |\n");
  }

  static void splice(Path report, String section) throws IOException {
    BenchmarkReport.splice(report, BEGIN, END, section);
  }

}
