package dev.printernizer.testkit.model;

import dev.printernizer.spi.JobStore;
import dev.printernizer.testkit.property.Gens;
import dev.printernizer.testkit.property.StatefulCheck;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The model-based test of the whole engine: random printer-world sequences (starts, progress,
 * pauses, run-outs, disconnects, reconnects, finishes, failures, cancels, reprints, manual jobs,
 * engine restarts, settings toggles, duplicated, dropped and late reports, printer clock jumps,
 * big time jumps, power loss mid-print, every printer reporting at once, whole prints while a
 * printer is offline, backfill switched on and off) against a reference
 * model, with invariants 1-5 after every step, plus: a job is closed completed, failed or
 * cancelled only if its run ended that way (a run whose end the engine never saw is interrupted,
 * or has the printer's confirmed outcome of that same run); the discovered-on-startup flag is
 * set exactly for runs already printing at the engine's first sight of the printer; a manual job
 * waiting for a print is adopted, never duplicated; backfill (on from the start, 7 days) imports
 * each print that the printer's own history lists (the printer with job ids) exactly once, with
 * its true outcome, however often the printer reconnects or the engine restarts, and never one
 * the engine already has. On real executors backfill stays off: its pass runs on the driver pool
 * after the report that asked for it, where the world cannot wait for it.
 *
 * <pre>{@code
 * PrinterWorldCheck.against(MyJobStore::new).sequences(2000).check();
 * }</pre>
 *
 * <p>Run it against your own {@code JobStore}: the engine's guarantees rest on the store keeping
 * its contract, and this finds where it does not.
 *
 * @since 0.1
 */
public final class PrinterWorldCheck {
  private PrinterWorldCheck() {}

  /**
   * A stateful check of the engine over a store.
   *
   * @param store creates a fresh, empty store for every sequence (it is closed afterwards)
   * @return the check, 40 steps per sequence; set sequences and seed on it
   * @since 0.1
   */
  public static StatefulCheck<PrinterWorld> against(Supplier<JobStore> store) {
    return against(store, false);
  }

  /**
   * The same check with the engine on its real thread pools (printer lanes, driver pool), with
   * steps in which every printer reports at once from its own thread. Slower: use fewer
   * sequences.
   *
   * @param store creates a fresh, empty store for every sequence (it is closed afterwards)
   * @return the check, 40 steps per sequence
   * @since 0.2
   */
  public static StatefulCheck<PrinterWorld> onRealExecutors(Supplier<JobStore> store) {
    return against(store, true);
  }

  private static StatefulCheck<PrinterWorld> against(Supplier<JobStore> store, boolean real) {
    Objects.requireNonNull(store, "store");
    return StatefulCheck.of("printer world" + (real ? " (real executors)" : ""),
            Gens.tickOrigins().map(t -> new PrinterWorld(store, t, real)))
        .actions(WorldActions::actions)
        .invariant("invariants 1-5 of auto-job-semantics.md, outcomes, startup flag, adoption",
            PrinterWorld::checkInvariants)
        .describeState(PrinterWorld::describe)
        .teardown(w -> {
          w.close();
          w.store.close();
        })
        .maxSteps(40);
  }
}
