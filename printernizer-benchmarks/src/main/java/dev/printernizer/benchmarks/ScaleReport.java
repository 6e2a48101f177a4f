package dev.printernizer.benchmarks;

import static dev.printernizer.benchmarks.BenchmarkReport.fmt;
import static dev.printernizer.benchmarks.BenchmarkReport.target;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Bambu and PrusaLink scale runs in the benchmark report: their targets (detection against
 * the bare protocol client, heap and threads at 10,000 printers) and the section with one row per
 * run ({@link ScaleHarness}). The Moonraker runs have their own section
 * ({@link MoonrakerScaleReport}).
 */
final class ScaleReport {
  private ScaleReport() {}

  private static List<ScaleHarness.Result> of(List<ScaleHarness.Result> scale, String protocol) {
    return scale.stream().filter(r -> r.protocol().equals(protocol)).toList();
  }

  static void targets(StringBuilder md, List<ScaleHarness.Result> scale) {
    List<ScaleHarness.Result> bambu = of(scale, "bambu");
    if (bambu.isEmpty()) {
      target(md, "Bambu detection latency within 1.2x of bare MQTT delivery (same run)",
          Optional.empty(), Optional.empty());
    }
    for (ScaleHarness.Result r : bambu) {
      double r50 = r.detectionP50Ms() / r.bareP50Ms();
      double r99 = r.detectionP99Ms() / r.bareP99Ms();
      target(md, "Bambu detection latency within 1.2x of bare MQTT delivery (same run), "
          + String.format(Locale.ROOT, "%,d", r.printers()) + " printers",
          Optional.of("p50 " + fmt(r.detectionP50Ms()) + " ms vs bare " + fmt(r.bareP50Ms())
              + " ms (" + fmt(r50) + "x); p99 " + fmt(r.detectionP99Ms()) + " ms vs bare "
              + fmt(r.bareP99Ms()) + " ms (" + fmt(r99) + "x); " + r.detected() + " of "
              + r.started() + " prints detected"),
          Optional.of(r50 <= 1.2 && r99 <= 1.2 && r.detected() == r.started()));
    }
    List<ScaleHarness.Result> prusa = of(scale, "prusa");
    if (prusa.isEmpty()) {
      target(md, "PrusaLink detection within one poll interval plus one request",
          Optional.empty(), Optional.empty());
    }
    for (ScaleHarness.Result r : prusa) {
      double limit = r.intervalSeconds() * 1000 + r.bareP99Ms();
      double worst = r.intervalSeconds() * 1000 + r.bareMaxMs();
      target(md, "PrusaLink detection within one poll interval plus one request, "
          + String.format(Locale.ROOT, "%,d", r.printers()) + " printers (p99 within the"
          + " interval + the bare request's p99, and every detection within the interval + the"
          + " slowest bare request)",
          Optional.of("p50 " + fmt(r.detectionP50Ms()) + " ms, p99 " + fmt(r.detectionP99Ms())
              + " ms (limit " + fmt(limit) + " ms), max " + fmt(r.detectionMaxMs())
              + " ms (limit " + fmt(worst) + " ms); interval " + fmt(r.intervalSeconds())
              + " s; " + r.detected() + " of " + r.started() + " detected"),
          Optional.of(r.detectionP99Ms() <= limit && r.detectionMaxMs() <= worst
              && r.detected() == r.started()));
    }
  }

  static void tenThousand(StringBuilder md, List<ScaleHarness.Result> scale) {
    for (String protocol : List.of("bambu", "prusa")) {
      List<ScaleHarness.Result> rs = of(scale, protocol);
      String label = protocol.equals("bambu") ? "Bambu" : "PrusaLink";
      Optional<ScaleHarness.Result> big = rs.stream().filter(r -> r.printers() >= 10_000)
          .findFirst();
      Optional<ScaleHarness.Result> small = rs.stream()
          .filter(r -> big.isPresent() && r.printers() < big.get().printers())
          .min(java.util.Comparator.comparingInt(ScaleHarness.Result::printers));
      target(md, "10,000 " + label + " printers in one JVM at default intervals: heap per"
          + " printer < 2 KiB (drivers, network clients and engine)",
          big.map(r -> r.heapBytesPerPrinter() <= 0 ? "heap difference " + r.heapBytesPerPrinter()
              + " bytes per printer: not a valid measurement"
              : fmt(r.heapBytesPerPrinter()) + " bytes per printer; library CPU "
              + fmt(r.libraryCpuPercent()) + " % of one core"),
          big.filter(r -> r.heapBytesPerPrinter() > 0).map(r -> r.heapBytesPerPrinter() < 2048));
      target(md, "10,000 " + label + " printers: threads do not grow per printer",
          big.flatMap(b -> small.map(s -> s.libraryThreads() + " library threads with "
              + s.printers() + " printers, " + b.libraryThreads() + " with " + b.printers())),
          big.flatMap(b -> small.map(s -> b.libraryThreads() <= s.libraryThreads() + 4)));
    }
  }

  static void section(StringBuilder md, boolean quick, List<ScaleHarness.Result> scale) {
    md.append("\n## Scale: many printers in one JVM\n\n");
    if (scale.isEmpty()) {
      md.append("Not run (Mosquitto is not installed).\n");
      return;
    }
    md.append(quick ? "Quick mode: 20 printers per protocol in the report's own JVM, PrusaLink"
        + " polled every 2 s; not for comparison.\n\n"
        : "Each row is its own JVM (`-Xmx4g`, G1) running the real drivers against simulated"
        + " printers (see `ScaleHarness`, `BambuFleet`, `PrusaFleet`) at the default intervals:"
        + " Bambu printers report about once a second while printing and every 3 s when idle;"
        + " PrusaLink is polled every 30 s. Every printer starts one print, evenly spread over"
        + " 10 s (Bambu) or one poll interval (PrusaLink). Jobs go to the in-memory store.\n\n");
    md.append("| Protocol | Printers | Ready after | Library CPU | Simulator CPU | Outside the JVM"
        + " | Heap per printer | Threads (library / all) | Detected | Detection p50 / p99 / max"
        + " | Bare p50 / p99 (samples) | Messages or requests |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ScaleHarness.Result r : scale) {
      md.append("| ").append(r.protocol()).append(" | ")
          .append(String.format(Locale.ROOT, "%,d", r.printers())).append(" | ")
          .append(fmt(r.readySeconds())).append(" s | ").append(fmt(r.libraryCpuPercent()))
          .append(" % | ").append(fmt(r.simulatorCpuPercent())).append(" % | ")
          .append(fmt(r.externalCpuPercent())).append(" % (").append(r.external())
          .append(") | ").append(fmt(r.heapBytesPerPrinter())).append(" B | ")
          .append(r.libraryThreads()).append(" / ").append(r.liveThreads()).append(" | ")
          .append(r.detected()).append(" of ").append(r.started()).append(" | ")
          .append(fmt(r.detectionP50Ms())).append(" / ").append(fmt(r.detectionP99Ms()))
          .append(" / ").append(fmt(r.detectionMaxMs())).append(" ms | ")
          .append(fmt(r.bareP50Ms())).append(" / ").append(fmt(r.bareP99Ms())).append(" ms (")
          .append(r.bareSamples()).append(") | ").append(String.format(Locale.ROOT, "%,d",
              r.messages())).append(" |\n");
    }
    md.append("\nWhat the heap per printer is made of (growth of the live-class histogram between"
        + " the two heap measurements, per printer; JDK types such as arrays and strings belong"
        + " to whichever library allocated them):\n\n");
    for (ScaleHarness.Result r : scale) {
      md.append("- ").append(r.protocol()).append(", ")
          .append(String.format(Locale.ROOT, "%,d", r.printers())).append(" printers: ")
          .append(r.topClasses()).append('\n');
    }
    md.append("\n- CPU is measured over a steady window of idle printers (")
        .append(scale.isEmpty() ? "-" : fmt(scale.get(0).windowSeconds()))
        .append(" s for the first row) as a share of one core: the JVM's CPU time minus the"
            + " simulator's threads (which includes garbage collection of the simulator's"
            + " garbage); broker processes are measured apart.\n"
            + "- Heap per printer: live bytes (the JVM's class histogram, counted after a full"
            + " collection) with the engine running, minus the same before the engine was built,"
            + " divided by the printers.\n"
            + "- Library threads: every live thread except the simulator's.\n"
            + "- Bambu bare latency: " + (of(scale, "bambu").isEmpty() ? "-"
                : of(scale, "bambu").get(0).bare()) + ". Detection is measured from the same"
            + " publish to the job's commit.\n"
            + "- PrusaLink bare latency: " + (of(scale, "prusa").isEmpty() ? "-"
                : of(scale, "prusa").get(0).bare()) + ". Detection is measured from the"
            + " simulated printer switching to PRINTING to the job's commit, so it includes"
            + " the wait for the next poll (up to one interval).\n"
            + "- The Bambu drivers speak plain MQTT to the shared brokers (one broker cannot"
            + " present each printer's certificate); TLS adds a handshake per connection and"
            + " encryption per message, not measured here.\n");
  }
}
