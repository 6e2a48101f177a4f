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
 * big time jumps) against a reference model, with invariants 1-5 after every step.
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
    Objects.requireNonNull(store, "store");
    return StatefulCheck.of("printer world", Gens.tickOrigins().map(t -> new PrinterWorld(store, t)))
        .actions(WorldActions::actions)
        .invariant("invariants 1-5 of auto-job-semantics.md", PrinterWorld::checkInvariants)
        .describeState(PrinterWorld::describe)
        .teardown(w -> {
          w.close();
          w.store.close();
        })
        .maxSteps(40);
  }
}
