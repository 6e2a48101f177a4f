package dev.printernizer.benchmarks;

import static dev.printernizer.benchmarks.BenchmarkReport.fmt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Scale: Klipper printers through Moonraker" section of the benchmark report: the targets
 * (detection within 1.2x of a bare WebSocket client in the same run, heap per printer under
 * 8 KiB, threads flat from the smallest to the largest run), one row per run and how it was made.
 * {@code --full} writes it; {@code --moonraker} runs only these points (each in its own JVM,
 * sizes from {@code -Dprinternizer.bench.moonraker}, default 100,1000) and replaces the section.
 */
final class MoonrakerScaleReport {
  static final String BEGIN = "<!-- moonraker-scale:begin -->";
  static final String END = "<!-- moonraker-scale:end -->";
  static final double LATENCY_LIMIT = 1.2;
  static final long HEAP_LIMIT = 8 * 1024;

  private MoonrakerScaleReport() {}

  /** @return the printer counts of the Moonraker runs */
  static int[] sizes() {
    String s = System.getProperty("printernizer.bench.moonraker", "100,1000");
    return java.util.Arrays.stream(s.split(",")).mapToInt(x -> Integer.parseInt(x.trim()))
        .toArray();
  }

  /** Runs every size in its own JVM. */
  static List<ScaleHarness.Result> run() throws Exception {
    return ScaleHarness.runForked(List.of("moonraker"), sizes());
  }

  /** Appends the section, between {@link #BEGIN} and {@link #END}. */
  static void section(StringBuilder md, List<ScaleHarness.Result> results) {
    md.append("\n").append(BEGIN).append("\n## Scale: Klipper printers through Moonraker\n\n");
    md.append("Run at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores. Reproduce:"
            + " `printernizer-benchmarks/run.sh --moonraker` (also part of `--full`; sizes from"
            + " `BENCH_MOONRAKER_SCALE`, default 100,1000).\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");
    if (results.isEmpty()) {
      row(md, "Moonraker detection latency within 1.2x of a bare WebSocket client (same run)",
          Optional.empty(), Optional.empty());
    }
    for (ScaleHarness.Result r : results) {
      double r50 = r.detectionP50Ms() / r.bareP50Ms();
      double r99 = r.detectionP99Ms() / r.bareP99Ms();
      row(md, "Moonraker detection latency within 1.2x of a bare WebSocket client (same run), "
          + count(r.printers()) + " printers",
          Optional.of("p50 " + fmt(r.detectionP50Ms()) + " ms vs bare " + fmt(r.bareP50Ms())
              + " ms (" + fmt(r50) + "x); p99 " + fmt(r.detectionP99Ms()) + " ms vs bare "
              + fmt(r.bareP99Ms()) + " ms (" + fmt(r99) + "x); " + r.detected() + " of "
              + r.started() + " prints detected"),
          Optional.of(r50 <= LATENCY_LIMIT && r99 <= LATENCY_LIMIT
              && r.detected() == r.started()));
    }
    Optional<ScaleHarness.Result> big = results.stream()
        .max(Comparator.comparingInt(ScaleHarness.Result::printers));
    Optional<ScaleHarness.Result> small = results.stream()
        .min(Comparator.comparingInt(ScaleHarness.Result::printers))
        .filter(s -> big.isPresent() && s.printers() < big.get().printers());
    row(md, "Heap per Moonraker printer < 8 KiB (driver, WebSocket client and engine), largest"
        + " run",
        big.map(r -> fmt(r.heapBytesPerPrinter()) + " bytes per printer with "
            + count(r.printers()) + " printers"),
        big.filter(r -> r.heapBytesPerPrinter() > 0).map(r -> r.heapBytesPerPrinter()
            < HEAP_LIMIT));
    row(md, "Threads do not grow with Moonraker printers",
        big.flatMap(b -> small.map(s -> s.libraryThreads() + " library threads with "
            + count(s.printers()) + " printers, " + b.libraryThreads() + " with "
            + count(b.printers()))),
        big.flatMap(b -> small.map(s -> b.libraryThreads() <= s.libraryThreads() + 2)));
    md.append("\n| Printers | Ready after | Library CPU (idle) | Simulator JVM CPU | Heap per"
        + " printer | Threads (library) | Detected | Detection p50 / p99 / max | Bare p50 / p99 /"
        + " max | Messages |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScaleHarness.Result r : results) {
      md.append("| ").append(count(r.printers())).append(" | ").append(fmt(r.readySeconds()))
          .append(" s | ").append(fmt(r.libraryCpuPercent())).append(" % | ")
          .append(fmt(r.externalCpuPercent())).append(" % | ")
          .append(fmt(r.heapBytesPerPrinter())).append(" B | ").append(r.libraryThreads())
          .append(" | ").append(r.detected()).append(" of ").append(r.started()).append(" | ")
          .append(fmt(r.detectionP50Ms())).append(" / ").append(fmt(r.detectionP99Ms()))
          .append(" / ").append(fmt(r.detectionMaxMs())).append(" ms | ")
          .append(fmt(r.bareP50Ms())).append(" / ").append(fmt(r.bareP99Ms())).append(" / ")
          .append(fmt(r.bareMaxMs())).append(" ms | ")
          .append(String.format(Locale.ROOT, "%,d", r.messages())).append(" |\n");
    }
    md.append("\nWhat the heap per printer is made of:\n\n");
    for (ScaleHarness.Result r : results) {
      md.append("- ").append(count(r.printers())).append(" printers: ").append(r.topClasses())
          .append('\n');
    }
    md.append("\nHow it is measured: `ScaleHarness` with `MoonrakerFleet`. The simulated printers"
        + " run in a JVM of their own (`MoonrakerFleetServer`: one Java-WebSocket server, each"
        + " printer on its own loopback address), so their memory and threads are not counted;"
        + " their CPU is the column \"Simulator JVM CPU\". Each simulated Moonraker pushes what a"
        + " real one pushes to every client: process statistics once a second and, while"
        + " printing, a status delta every 250 ms; a print start is `notify_history_changed`"
        + " then the `print_stats` delta. The engine uses the real driver (Netty, one event loop"
        + " for every printer) with the in-memory store. CPU is measured over 20 s of idle"
        + " printers; then every printer starts a print, spread over 10 s. Detection runs from"
        + " the simulator sending the start to the job's commit; the bare client is a JDK"
        + " WebSocket per printer (opened after the idle measurements, in the simulator's JVM)"
        + " that subscribes to `print_stats` and stamps the delta's arrival. Both stamps are"
        + " `System.nanoTime()`, the system-wide monotonic clock on Linux. The heap per printer"
        + " includes the engine's share and the fixed costs of the run (classes loaded) divided"
        + " over the printers.\n");
    md.append(END).append('\n');
  }

  private static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static void row(StringBuilder md, String target, Optional<String> measured,
      Optional<Boolean> met) {
    md.append("| ").append(target).append(" | ").append(measured.orElse("not measured"))
        .append(" | ").append(met.map(m -> m ? "met" : "**MISSED**").orElse("NOT MEASURED"))
        .append(" |\n");
  }

  static void splice(Path report, String section) throws IOException {
    BenchmarkReport.splice(report, BEGIN, END, section);
  }
}
