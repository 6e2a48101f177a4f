package dev.printernizer.benchmarks;

import static dev.printernizer.benchmarks.BenchmarkReport.fmt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The "Outbox" section of the benchmark report: what the outbox adds to job creation (H2 and
 * PostgreSQL, outbox off and on) against the targets (under 1 ms p99 on H2, 2 ms on
 * PostgreSQL), and the dispatcher's throughput to a webhook (target: 1,000 entries/s on
 * PostgreSQL). {@code --outbox} runs it and replaces the section.
 */
final class OutboxReport {
  static final String BEGIN = "<!-- outbox:begin -->";
  static final String END = "<!-- outbox:end -->";

  private OutboxReport() {}

  static void section(StringBuilder md, List<OutboxHarness.Creation> creation,
      List<OutboxHarness.Dispatch> dispatch) {
    md.append("\n").append(BEGIN).append("\n## Outbox: side effects without slowing job"
        + " creation\n\n");
    md.append("Run at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores. Reproduce:"
            + " `printernizer-benchmarks/run.sh --outbox` (about two minutes).\n\n");
    md.append("| Target | Measured | Verdict |\n|---|---|---|\n");
    for (String store : List.of("h2", "postgres")) {
      double limit = store.equals("h2") ? 1.0 : 2.0;
      Optional<OutboxHarness.Creation> off = find(creation, store, false);
      Optional<OutboxHarness.Creation> on = find(creation, store, true);
      if (off.isPresent() && on.isPresent()) {
        double added = on.get().p99Ms() - off.get().p99Ms();
        md.append("| Outbox adds < ").append(fmt(limit)).append(" ms p99 to job creation on ")
            .append(store.equals("h2") ? "H2" : "PostgreSQL").append(" | ").append(fmt(added))
            .append(" ms (p99 ").append(fmt(off.get().p99Ms())).append(" → ")
            .append(fmt(on.get().p99Ms())).append(" ms) | ")
            .append(added < limit ? "met" : "**missed**").append(" |\n");
      }
    }
    for (OutboxHarness.Dispatch d : dispatch) {
      md.append("| Dispatcher ≥ 1,000 entries/s on ").append(d.store().equals("postgres")
          ? "PostgreSQL" : d.store()).append(" to a local webhook | ")
          .append(fmt(d.steadyPerSecond())).append(" entries/s after the first ")
          .append(OutboxHarness.WARM_UP_ENTRIES).append(" (").append(fmt(d.perSecond()))
          .append(" over the whole run, start-up included) | ")
          .append(d.steadyPerSecond() >= 1000 ? "met" : "**missed**").append(" |\n");
    }
    md.append("\n| Store | Outbox | Creations timed | p50 | p99 | max |\n|---|---|---|---|---|---|\n");
    for (OutboxHarness.Creation c : creation) {
      md.append("| ").append(c.store()).append(" | ").append(c.outbox() ? "on, 3 destinations"
          : "off").append(" | ").append(c.samples()).append(" | ").append(fmt(c.p50Ms()))
          .append(" ms | ").append(fmt(c.p99Ms())).append(" ms | ").append(fmt(c.maxMs()))
          .append(" ms |\n");
    }
    md.append("\n| Store | Entries | Time | Entries/s | Entries/s after the first ")
        .append(OutboxHarness.WARM_UP_ENTRIES).append(" | Webhook requests |\n"
            + "|---|---|---|---|---|---|\n");
    for (OutboxHarness.Dispatch d : dispatch) {
      md.append("| ").append(d.store()).append(" | ").append(d.entries()).append(" | ")
          .append(fmt(d.seconds())).append(" s | ").append(fmt(d.perSecond())).append(" | ")
          .append(fmt(d.steadyPerSecond())).append(" | ").append(d.requests()).append(" |\n");
    }
    md.append("\n- Creation: `JdbcJobStore.createIfAbsent` of an open job, timed in this JVM"
        + " after a warm-up, each job closed afterwards (untimed) so ")
        .append(OutboxHarness.PRINTERS).append(" printers take turns. \"Off\" is"
            + " `-Dprinternizer.jdbc.outbox=false` (no entries written); \"on\" has three"
            + " destinations registered for every event, so each creation also writes its"
            + " entry and three pending deliveries, in the same transaction. H2 is the"
            + " embedded file store, PostgreSQL the local server (HikariCP, 4 connections).\n")
        .append("- Dispatcher: the jobs were created and completed first (two entries each, a"
            + " webhook registered for both), then an engine with a `WebhookDestination` to a"
            + " JDK HTTP server on loopback (answering 204, TCP_NODELAY on) starts; the time runs"
            + " until nothing is pending; the steady rate leaves out the first deliveries, while"
            + " the JIT compiles the path. Each delivery reads its job and POSTs it, one at a time and in order, as in"
            + " production; deliveries are confirmed in writes of up to 16 (a process that"
            + " dies repeats at most those, with their keys).\n")
        .append(END).append("\n");
  }

  private static Optional<OutboxHarness.Creation> find(List<OutboxHarness.Creation> all,
      String store, boolean outbox) {
    return all.stream().filter(c -> c.store().equals(store) && c.outbox() == outbox)
        .findFirst();
  }

  static void splice(Path report, String section) throws IOException {
    BenchmarkReport.splice(report, BEGIN, END, section);
  }
}
