package dev.printernizer.testkit.model;

import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.testkit.model.PrinterWorld.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One simulated printer. */
final class SimPrinter {
  final PrinterId id;
  final Profile profile;
  PrinterState state = PrinterState.IDLE;
  @Nullable SimRun current;
  @Nullable SimRun lastRun;

  /** The current run of a printer that is printing or paused. */
  SimRun run() {
    return Objects.requireNonNull(current, "an active printer has a run");
  }
  double progress;
  boolean connected = true;
  Duration clockOffset = Duration.ZERO;
  int jobCounter = 100;
  boolean dropNext;
  boolean holdNext;
  @Nullable StatusSnapshot held;
  @Nullable StatusSnapshot lastDelivered;
  @Nullable SimRun engineView;
  /** The run the engine last saw active here, until it saw a non-active report. */
  @Nullable SimRun engineMaybeTracking;
  int nameForm;
  /** Whether the current engine got a report of this printer yet. */
  boolean seenThisEngine;
  /** Set during the delivery that is the engine's first sight of a running print. */
  boolean firstSightNow;
  /**
   * Whether the driver saw a print on this connection: only then can it name an end state
   * that the printer shows without a job (PrusaLink), see the elapsed profile.
   */
  boolean namedThisLink;

  SimPrinter(PrinterId id, Profile profile) {
    this.id = id;
    this.profile = profile;
  }

  String fileName(String base) {
    switch (Math.floorMod(nameForm, 5)) {
      case 0: return base + ".gcode.3mf";
      case 1: return "cache/" + base + ".gcode.3mf";
      case 2: return base.toUpperCase(java.util.Locale.ROOT) + ".3MF";
      case 3: return "/sdcard/" + base + ".gcode ";
      default: return base;
    }
  }

  StatusSnapshot snapshot(Instant now) {
    StatusSnapshot.Builder b = StatusSnapshot.builder(id, state, now);
    SimRun r = state == PrinterState.IDLE ? null : (current != null ? current : lastRun);
    if (state.isActive() && connected) {
      namedThisLink = true;
    }
    if (r != null && profile == Profile.ELAPSED && state.isTerminal() && !namedThisLink) {
      return b.build(); // PrusaLink: the job is gone at FINISHED; only its driver could name it
    }
    if (r != null) {
      b.fileName(r.system ? "/usr/etc/print/" + r.base + ".gcode" : fileName(r.base));
      if (profile != Profile.LAN) {
        b.printerJobId(r.jobId);
      }
      if (profile == Profile.IDS) {
        b.reportedStartTime(r.printerStart);
      }
      if (profile == Profile.ELAPSED && state.isActive()) {
        Duration paused = r.paused.plus(r.pausedAt == null ? Duration.ZERO
            : Duration.between(r.pausedAt, now));
        Duration el = Duration.between(r.start, now).minus(paused);
        b.elapsed(el.isNegative() ? Duration.ZERO : el);
      }
      b.progress(progress).systemJob(r.system && profile == Profile.IDS);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return id.value();
  }
}
