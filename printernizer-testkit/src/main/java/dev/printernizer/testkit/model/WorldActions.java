package dev.printernizer.testkit.model;

import static dev.printernizer.testkit.property.Gens.weight;

import dev.printernizer.api.PrinterState;
import dev.printernizer.api.StatusSnapshot;
import dev.printernizer.testkit.property.Action;
import dev.printernizer.testkit.property.Gen;
import dev.printernizer.testkit.property.Gens;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.BiConsumer;

/** The actions of the printer world, generated from its current state. */
final class WorldActions {
  private WorldActions() {}

  /** A step: advance the clock, then act; described after it ran. */
  private static final class Step implements Action<PrinterWorld> {
    private final Duration wait;
    private final BiConsumer<PrinterWorld, StringBuilder> body;
    private final StringBuilder text = new StringBuilder();
    private final String label;

    Step(Duration wait, String label, BiConsumer<PrinterWorld, StringBuilder> body) {
      this.wait = wait;
      this.label = label;
      this.body = body;
    }

    @Override
    public void apply(PrinterWorld w) {
      w.clock.advance(wait);
      text.append(label);
      body.accept(w, text);
    }

    @Override
    public String describe() {
      return String.format("%-9s %s", "+" + human(wait), text);
    }
  }

  static String human(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d" + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
    return d.toMillis() + "ms";
  }

  static Gen<Action<PrinterWorld>> actions(PrinterWorld w) {
    Gen<Duration> wait = Gens.frequency(
        weight(12, Gens.durations(Duration.ofMillis(1), Duration.ofMinutes(10))),
        weight(1, Gens.durations(Duration.ofHours(1), Duration.ofDays(3))));
    Gen<SimPrinter> printer = Gens.elements(w.printers.toArray(new SimPrinter[0]));
    Gen<String> base = Gens.elements(PrinterWorld.BASES);
    return Gens.frequency(
        weight(6, act(wait, printer, base.flatMap(b -> Gens.integers(0, 19).map(k -> b + "|" + k)),
            WorldActions::start)),
        weight(8, act(wait, printer, Gens.integers(1, 30), WorldActions::progress)),
        weight(3, act(wait, printer, Gens.constant(0), WorldActions::pauseOrResume)),
        weight(4, act(wait, printer, Gens.elements(PrinterState.FINISHED, PrinterState.FAILED,
            PrinterState.CANCELLED, PrinterState.IDLE), WorldActions::end)),
        weight(2, act(wait, printer, Gens.constant(0), WorldActions::clear)),
        weight(2, act(wait, printer, Gens.constant(0), WorldActions::disconnect)),
        weight(1, act(wait, printer, Gens.constant(0), WorldActions::powerLoss)),
        weight(1, wait.map(d -> new Step(d, "every printer reports at once", (x, t) -> {
          x.reportAllAtOnce();
        }))),
        weight(3, act(wait, printer, Gens.constant(0), WorldActions::reconnect)),
        weight(2, wait.map(d -> new Step(d, "restart the engine", (x, t) -> {
          x.restartEngine();
        }))),
        weight(2, act(wait, printer, Gens.elements(0, 1, 2, 3, 4), WorldActions::toggle)),
        weight(1, act(wait, printer, base, WorldActions::manualJob)),
        weight(2, act(wait, printer, Gens.elements(0, 1, 2), WorldActions::mangle)),
        weight(1, act(wait, printer, Gens.integers(-48, 48), WorldActions::clockJump)),
        weight(2, act(wait, printer, base.flatMap(b -> Gens.integers(0, 2).flatMap(o ->
            Gens.integers(1, 20).flatMap(m -> Gens.integers(0, 1).map(r -> b + "|" + o + "|" + m
                + "|" + r)))), WorldActions::offlinePrint)));
  }

  private static <T> Gen<Action<PrinterWorld>> act(Gen<Duration> wait, Gen<SimPrinter> printer,
      Gen<T> arg, Op<T> op) {
    return c -> {
      Duration d = wait.generate(c);
      SimPrinter p = printer.generate(c);
      T a = arg.generate(c);
      return new Step(d, p + ": ", (w, text) -> {
        op.run(w, p, a, text);
      });
    };
  }

  @FunctionalInterface
  private interface Op<T> {
    void run(PrinterWorld w, SimPrinter p, T arg, StringBuilder text);
  }

  private static void start(PrinterWorld w, SimPrinter p, String arg, StringBuilder t) {
    String[] parts = arg.split("\\|", -1);
    String b = parts[0];
    boolean system = Integer.parseInt(parts[1]) == 0;
    if (p.state.isActive()) {
      t.append("(busy printing, no new start)");
      return;
    }
    if (p.profile == PrinterWorld.Profile.LAN && p.engineMaybeTracking != null
        && PrinterWorld.normalize(p.engineMaybeTracking.base).equals(PrinterWorld.normalize(b))) {
      t.append("(no id-less reprint of '").append(b).append("': the engine never saw run #")
          .append(p.engineMaybeTracking.id).append(" end)");
      return;
    }
    String jobId = p.profile == PrinterWorld.Profile.LAN ? null : String.valueOf(++p.jobCounter);
    SimRun r = new SimRun(w.runs.size() + 1, p, b, jobId, w.clock.instant(),
        w.clock.instant().plus(p.clockOffset).truncatedTo(ChronoUnit.SECONDS), system);
    w.runs.add(r);
    p.current = r;
    p.lastRun = r;
    p.state = PrinterState.PRINTING;
    p.progress = 0;
    t.append("start '").append(p.fileName(b)).append("' as run ").append(r);
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void progress(PrinterWorld w, SimPrinter p, Integer delta, StringBuilder t) {
    if (p.state != PrinterState.PRINTING) {
      t.append("(not printing)");
      return;
    }
    p.progress = Math.min(99, p.progress + delta);
    p.nameForm += delta; // the printer may name the file differently in this report
    t.append("progress ").append(p.progress).append("% as '").append(p.fileName(p.run().base))
        .append("'");
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void pauseOrResume(PrinterWorld w, SimPrinter p, Integer x, StringBuilder t) {
    if (p.state == PrinterState.PRINTING) {
      p.state = PrinterState.PAUSED;
      p.run().pausedAt = w.clock.instant();
      t.append("pause (filament run-out)");
    } else if (p.state == PrinterState.PAUSED) {
      p.state = PrinterState.PRINTING;
      p.run().paused =
      p.run().paused.plus(Duration.between(Objects.requireNonNull(p.run().pausedAt, "paused"),
          w.clock.instant()));
      p.run().pausedAt = null;
      t.append("resume");
    } else {
      t.append("(nothing to pause)");
      return;
    }
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void end(PrinterWorld w, SimPrinter p, PrinterState how, StringBuilder t) {
    if (!p.state.isActive()) {
      t.append("(nothing to end)");
      return;
    }
    p.run().ended = true;
    p.run().outcome = how == PrinterState.IDLE ? null : how;
    p.run().printerEnd = w.clock.instant().plus(p.clockOffset).truncatedTo(ChronoUnit.SECONDS);
    if (how == PrinterState.FINISHED) {
      p.progress = 100;
    }
    p.state = how;
    t.append(how == PrinterState.IDLE ? "abort to IDLE" : how.name()).append(" run #")
        .append(p.run().id);
    p.current = null;
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void clear(PrinterWorld w, SimPrinter p, Integer x, StringBuilder t) {
    if (!p.state.isTerminal()) {
      t.append("(nothing to clear)");
      return;
    }
    p.state = PrinterState.IDLE;
    t.append("plate cleared, IDLE");
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void disconnect(PrinterWorld w, SimPrinter p, Integer x, StringBuilder t) {
    if (!p.connected) {
      t.append("(already offline)");
      return;
    }
    p.connected = false;
    p.engineView = null;
    p.held = null;
    p.namedThisLink = false;
    t.append("connection lost");
    w.fakesConnectionLost(p);
  }

  /**
   * Power loss or reboot mid-print: the link drops, the print ends without an outcome, and the
   * printer comes back idle with its file name and job ids cleared (when it reconnects).
   */
  private static void powerLoss(PrinterWorld w, SimPrinter p, Integer x, StringBuilder t) {
    if (!p.state.isActive()) {
      t.append("(not printing: no power loss)");
      return;
    }
    if (p.connected) {
      disconnect(w, p, x, new StringBuilder());
    }
    p.run().ended = true;
    p.run().outcome = null;
    t.append("power loss during run #").append(p.run().id).append(": offline, then idle");
    p.current = null;
    p.lastRun = null; // the reboot cleared the file name and the job ids
    p.state = PrinterState.IDLE;
    p.progress = 0;
  }

  private static void reconnect(PrinterWorld w, SimPrinter p, Integer x, StringBuilder t) {
    if (p.connected) {
      t.append("(already online)");
      return;
    }
    p.connected = true;
    t.append("back online: ").append(p.state);
    w.deliver(p, p.snapshot(w.clock.instant()));
  }

  private static void toggle(PrinterWorld w, SimPrinter p, Integer how, StringBuilder t) {
    switch (how) {
      case 0:
        w.settings.setAutoCreate(!w.settings.autoCreate());
        t.append("auto-creation globally ").append(w.settings.autoCreate() ? "on" : "off");
        break;
      case 1:
        w.settings.setAutoCreate(p.id, Boolean.TRUE);
        t.append("auto-creation on for this printer");
        break;
      case 2:
        w.settings.setAutoCreate(p.id, Boolean.FALSE);
        t.append("auto-creation off for this printer");
        break;
      case 3:
        w.settings.setAutoCreate(p.id, null);
        t.append("printer follows the global switch");
        break;
      default:
        if (!w.backfillModelled()) {
          t.append("(backfill stays off on real executors)");
          return;
        }
        w.settings.setBackfill(w.settings.backfill().isZero() ? PrinterWorld.BACKFILL
            : java.time.Duration.ZERO);
        t.append("backfill ").append(w.settings.backfill().isZero() ? "off" : "on")
            .append(" (read at the next connect)");
    }
    w.settingsChanged();
  }

  private static void manualJob(PrinterWorld w, SimPrinter p, String b, StringBuilder t) {
    t.append("person creates a manual job for '").append(b).append("': ")
        .append(w.createManualJob(p, b + ".3mf").id());
  }

  private static void mangle(PrinterWorld w, SimPrinter p, Integer how, StringBuilder t) {
    switch (how) {
      case 0:
        StatusSnapshot last = p.connected ? w.lastDelivered(p) : null;
        if (last == null) {
          t.append("(nothing to duplicate)");
          return;
        }
        t.append("duplicate of the last report");
        w.publishRaw(p, last);
        break;
      case 1:
        p.dropNext = true;
        t.append("the next report will be lost");
        break;
      default:
        p.holdNext = true;
        t.append("the next report will arrive late (after the one that follows it)");
    }
  }

  /**
   * A whole print while nothing watches (what backfill is for): the printer is offline, prints
   * one file from start to end, and comes back showing the end or stays offline until a later
   * reconnect. Only a printer that keeps its own history (the ids profile); the engine may learn
   * of the print only from that history.
   */
  private static void offlinePrint(PrinterWorld w, SimPrinter p, String arg, StringBuilder t) {
    if (p.profile != PrinterWorld.Profile.IDS) {
      t.append("(no history on this printer: no offline print)");
      return;
    }
    if (p.state.isActive()) {
      t.append("(busy printing, no offline print)");
      return;
    }
    String[] parts = arg.split("\\|", -1);
    PrinterState how = new PrinterState[] {PrinterState.FINISHED, PrinterState.FAILED,
        PrinterState.CANCELLED}[Integer.parseInt(parts[1])];
    if (p.connected) {
      disconnect(w, p, 0, new StringBuilder());
    }
    SimRun r = new SimRun(w.runs.size() + 1, p, parts[0], String.valueOf(++p.jobCounter),
        w.clock.instant(), w.clock.instant().plus(p.clockOffset).truncatedTo(ChronoUnit.SECONDS),
        false);
    w.runs.add(r);
    w.clock.advance(Duration.ofMinutes(Integer.parseInt(parts[2])));
    r.ended = true;
    r.outcome = how;
    r.printerEnd = w.clock.instant().plus(p.clockOffset).truncatedTo(ChronoUnit.SECONDS);
    p.current = null;
    p.lastRun = r;
    p.state = how;
    p.progress = how == PrinterState.FINISHED ? 100 : 40;
    t.append("offline: run ").append(r).append(" printed and ended ").append(how)
        .append(" in ").append(parts[2]).append(" min");
    if (parts[3].equals("1")) {
      t.append("; ");
      reconnect(w, p, 0, t);
    }
  }

  private static void clockJump(PrinterWorld w, SimPrinter p, Integer hours, StringBuilder t) {
    p.clockOffset = p.clockOffset.plusHours(hours);
    t.append("printer clock jumps ").append(hours).append("h");
  }
}
