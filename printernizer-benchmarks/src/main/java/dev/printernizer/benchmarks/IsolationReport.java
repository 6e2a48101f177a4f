package dev.printernizer.benchmarks;

import static dev.printernizer.benchmarks.BenchmarkReport.fmt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The "Isolation" section of the benchmark report: the target (healthy printers' detection p99
 * with hanging printers within 1.2x of the run without), the figures of both runs and how they
 * were made. {@code --full} writes it as part of the report; {@code --isolation} runs only this
 * scenario and replaces the section in an existing report.
 */
final class IsolationReport {
  static final String BEGIN = "<!-- isolation:begin -->";
  static final String END = "<!-- isolation:end -->";
  /** Allowed slowdown of the healthy printers' detection p99. */
  static final double LIMIT = 1.2;

  private IsolationReport() {}

  /** Appends the section, between {@link #BEGIN} and {@link #END}. */
  static void section(StringBuilder md, List<IsolationHarness.Result> results, boolean quick) {
    md.append("\n").append(BEGIN).append("\n## Isolation: one printer must never hold up the"
        + " others\n\n");
    Optional<IsolationHarness.Result> base = results.stream().filter(r -> !r.hanging())
        .findFirst();
    Optional<IsolationHarness.Result> hang = results.stream().filter(IsolationHarness.Result::hanging)
        .findFirst();
    md.append("Run at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores (1-minute load"
            + " average at the start of each run: ")
        .append(base.map(IsolationHarness.Result::loadAverage).orElse("-")).append(" without, ")
        .append(hang.map(IsolationHarness.Result::loadAverage).orElse("-"))
        .append(" with the hanging printers). Reproduce: `printernizer-benchmarks/run.sh ")
        .append(quick ? "--quick" : "--isolation").append("` (also part of `--full`).\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");
    verdict(md, "PrusaLink", IsolationHarness.Result::prusa, base, hang);
    verdict(md, "Bambu", IsolationHarness.Result::bambu, base, hang);
    md.append("\n| Run | Healthy printer | Detected | Detection p50 / p99 / max | From the poll"
        + " that saw the print to the commit p50 / p99 / max | Time between its polls p99 / max"
        + " | Busy driver threads (peak) | Hanging printers' problems | Connections accepted by"
        + " them | Failed engine tasks | Run time |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (IsolationHarness.Result r : results) {
      for (IsolationHarness.Samples s : List.of(r.prusa(), r.bambu())) {
        boolean polled = s == r.prusa();
        md.append("| ").append(r.hanging() ? "with " + r.hangingPrinters() + " hanging"
            : "without").append(" | ").append(s.printer()).append(" | ").append(s.detected())
            .append(" of ").append(s.started()).append(" | ").append(fmt(s.p50Ms()))
            .append(" / ").append(fmt(s.p99Ms())).append(" / ").append(fmt(s.maxMs()))
            .append(" ms | ").append(polled ? fmt(s.afterPollP50Ms()) + " / "
                + fmt(s.afterPollP99Ms()) + " / " + fmt(s.afterPollMaxMs()) + " ms" : "-")
            .append(" | ").append(polled ? fmt(r.pollGapP99Ms()) + " / "
                + fmt(r.pollGapMaxMs()) + " ms" : "-").append(" | ")
            .append(r.peakBusyDriverThreads()).append(" | ")
            .append(r.hangingProblems()).append(" | ").append(r.hangingAccepted()).append(" | ")
            .append(r.failedTasks()).append(" | ").append(fmt(r.seconds())).append(" s |\n");
      }
    }
    double interval = results.isEmpty() ? Double.NaN : results.get(0).intervalSeconds();
    md.append("\n- One engine with its default executors (nothing overridden: 64 driver"
        + " threads) and the real drivers watches one healthy simulated PrusaLink printer"
        + " (`PrusaFleet`), one simulated Bambu printer (`BambuFleet`, its own Mosquitto"
        + " broker) and, in the second run, ").append(IsolationHarness.HANGING)
        .append(" PrusaLink printers that accept TCP connections on their own loopback"
            + " addresses and never answer (`HangingPrinters`): each of their polls holds a"
            + " driver thread until the 10 s read timeout. Each run is its own JVM.\n")
        .append("- PrusaLink is polled every ").append(fmt(interval))
        .append(" s instead of the default 30 s, to collect enough prints in minutes. A"
            + " PrusaLink detection is the time from the simulated printer switching to"
            + " PRINTING to the job's commit, so it includes the wait for the next poll (up to"
            + " one interval); the prints start at random points of the interval, so its p99"
            + " is close to the interval in both runs and shows only delays of a sizeable"
            + " part of it. The finer signs of isolation are the time from the poll that saw"
            + " the print (its arrival at the simulated printer) to the commit, and the time"
            + " between the healthy printer's polls (the interval plus one request when nothing"
            + " holds them up; a poll queued behind the hanging ones would wait for their 10 s"
            + " timeout). A Bambu detection is from the print-start report's publish to the"
            + " commit.\n")
        .append("- The healthy printers print one after another: a random pause, start, wait"
            + " for the job, a random pause, finish. p99 is nearest-rank, so over 30 prints it"
            + " is the slowest one.\n")
        .append("- The Bambu p99 (the second slowest of 200 prints) is tens of milliseconds,"
            + " where scheduling on a shared 2-core machine moved it by up to 2x between runs"
            + " of the same code: a Bambu ratio near 1.2x says little either way; a printer"
            + " held up by the hanging ones would show seconds.\n");
    md.append(END).append('\n');
  }

  private static void verdict(StringBuilder md, String label,
      Function<IsolationHarness.Result, IsolationHarness.Samples> which,
      Optional<IsolationHarness.Result> base, Optional<IsolationHarness.Result> hang) {
    String target = label + " detection p99 with " + IsolationHarness.HANGING + " hanging"
        + " PrusaLink printers within " + fmt(LIMIT) + "x of the run without";
    if (base.isEmpty() || hang.isEmpty()) {
      md.append("| ").append(target).append(" | not measured | NOT MEASURED |\n");
      return;
    }
    IsolationHarness.Samples w = which.apply(hang.get());
    IsolationHarness.Samples wo = which.apply(base.get());
    double ratio = w.p99Ms() / wo.p99Ms();
    boolean met = ratio <= LIMIT && w.detected() == w.started() && wo.detected() == wo.started();
    md.append("| ").append(target).append(" | p99 ").append(fmt(w.p99Ms()))
        .append(" ms with vs ").append(fmt(wo.p99Ms())).append(" ms without (")
        .append(fmt(ratio)).append("x); p50 ").append(fmt(w.p50Ms())).append(" vs ")
        .append(fmt(wo.p50Ms())).append(" ms; ").append(w.detected()).append(" of ")
        .append(w.started()).append(" and ").append(wo.detected()).append(" of ")
        .append(wo.started()).append(" prints detected | ")
        .append(met ? "met" : "**MISSED**").append(" |\n");
  }

  /**
   * Replaces the section in {@code report} (or appends it when the report has none).
   *
   * @param report an existing report
   * @param section the new section, from {@link #section}
   * @throws IOException if the file cannot be read or written
   */
  static void splice(Path report, String section) throws IOException {
    BenchmarkReport.splice(report, BEGIN, END, section);
  }

}
