package dev.printernizer.testkit.model;

import dev.printernizer.api.PrinterState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One physical print. */
final class SimRun {
  final int id;
  final SimPrinter printer;
  final String base;
  final @Nullable String jobId;
  final Instant start;
  final Instant printerStart;
  final boolean system;
  /** When it ended by the printer's clock (FINISHED, FAILED or CANCELLED only). */
  @Nullable Instant printerEnd;
  boolean eligible;
  boolean seenByEngine;
  boolean ended;
  /** How it ended physically: FINISHED, FAILED or CANCELLED, or null (aborted, power loss). */
  @Nullable PrinterState outcome;
  /** The engines (by number) whose first sight of the printer showed this run printing. */
  final Set<Integer> activeOnFirstSight = new HashSet<>();
  /** When the engine first got a report of this run printing. */
  @Nullable Instant engineSawStartAt;
  Duration paused = Duration.ZERO;
  @Nullable Instant pausedAt;
  final List<String> jobs = new ArrayList<>();

  SimRun(int id, SimPrinter printer, String base, @Nullable String jobId, Instant start,
      Instant printerStart, boolean system) {
    this.id = id;
    this.printer = printer;
    this.base = base;
    this.jobId = jobId;
    this.start = start;
    this.printerStart = printerStart;
    this.system = system;
  }

  @Override
  public String toString() {
    return "#" + id + " " + printer.id + " '" + base + "'" + (jobId == null ? "" : " id=" + jobId)
        + (system ? " system" : "") + (ended ? " ended" : " active");
  }
}
