package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.Printernizer;
import dev.printernizer.api.PrinterConfig;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.PrinterState;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.FakePrinterDriverProvider;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.outbox.CrashingOutbox;
import dev.printernizer.testkit.outbox.RecordingDestination;
import dev.printernizer.testkit.property.Action;
import dev.printernizer.testkit.property.Gen;
import dev.printernizer.testkit.property.Gens;
import dev.printernizer.testkit.property.StatefulCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model-based: random interleavings of prints (start, pause, resume, end), receiver outages,
 * engine crashes between a delivery and its mark (another instance takes over) and time. After
 * every step: the receiver has only entries the outbox holds, first receipts in the order
 * written, and at most 16 repeats per crash (the deliveries confirmed in one write). When things settle (receiver up, time passes):
 * every entry applied exactly once by a receiver that deduplicates by key.
 */
class OutboxModelTest {
  private static final int PRINTERS = 2;

  /** The system: one shared store, the instance delivering now, a receiver. */
  static final class World {
    final ManualClock clock = new ManualClock();
    final InMemoryJobStore shared = new InMemoryJobStore(clock);
    final RecordingDestination receiver = new RecordingDestination("hook");
    final PrinterState[] states = new PrinterState[PRINTERS];
    final List<Printernizer> abandoned = new ArrayList<>();
    int files;
    int crashes;
    CrashingOutbox outbox;
    FakePrinterDriverProvider fakes;
    Printernizer engine;

    World() {
      for (int p = 0; p < PRINTERS; p++) {
        states[p] = PrinterState.IDLE;
      }
      startInstance();
    }

    void startInstance() {
      outbox = new CrashingOutbox(shared.outbox().orElseThrow());
      CrashingOutbox mine = outbox;
      ForwardingJobStore store = new ForwardingJobStore(shared) {
        @Override
        public Optional<Outbox> outbox() {
          return Optional.of(mine);
        }
      };
      fakes = new FakePrinterDriverProvider();
      Printernizer.Builder b = Printernizer.builder().clock(clock).jobStore(store)
          .driverProvider(fakes).executor(Runnable::run).notificationExecutor(Runnable::run)
          .serviceDiscovery(false).destination(receiver);
      for (int p = 0; p < PRINTERS; p++) {
        b.printer(PrinterConfig.builder(PrinterId.of("p" + p), "fake").build());
      }
      engine = b.build();
      engine.start();
      for (int p = 0; p < PRINTERS; p++) {
        show(p, states[p]);
      }
    }

    /** A crashed instance is replaced, as a supervisor restarts a process. */
    void reviveIfDead() {
      if (outbox.dead()) {
        crashes++;
        abandoned.add(engine); // killed: never closed, its lease runs out
        startInstance();
      }
    }

    void show(int p, PrinterState s) {
      String file = s == PrinterState.IDLE ? null : "file-" + files + "-" + p + ".3mf";
      fakes.printer(PrinterId.of("p" + p)).publish(fakes.printer(PrinterId.of("p" + p))
          .snapshot(s).fileName(file).progress(s == PrinterState.IDLE ? 0.0 : 50.0));
    }

    void go(int p, PrinterState s) {
      if (s == PrinterState.PRINTING && states[p] == PrinterState.IDLE) {
        files++;
      }
      states[p] = s;
      show(p, s);
      reviveIfDead();
    }

    List<OutboxEntry> written() {
      List<OutboxEntry> all = new ArrayList<>();
      Set<Long> seen = new HashSet<>();
      for (Delivery d : shared.outbox().orElseThrow().deadLetters(1000)) {
        seen.add(d.entry().seq());
        all.add(d.entry());
      }
      for (var j : shared.query(dev.printernizer.api.JobQuery.all()
          .withPage(0, dev.printernizer.api.JobQuery.MAX_LIMIT))) {
        for (Delivery d : shared.outbox().orElseThrow().deliveriesOf(j.id())) {
          if (seen.add(d.entry().seq())) {
            all.add(d.entry());
          }
        }
      }
      return all;
    }

    void checkSafety() {
      Set<String> keys = new HashSet<>();
      written().forEach(e -> keys.add(e.key()));
      List<OutboxEntry> got = receiver.received();
      long lastSeq = 0;
      Set<String> first = new HashSet<>();
      for (OutboxEntry e : got) {
        assertTrue(keys.contains(e.key()), "received an entry the outbox does not hold: " + e);
        if (first.add(e.key())) {
          assertTrue(e.seq() > lastSeq, "first receipts out of order at " + e.key());
          lastSeq = e.seq();
        }
      }
      int repeats = got.size() - first.size();
      // the dispatcher confirms up to 16 deliveries in one write: a crash repeats at most those
      assertTrue(repeats <= 16 * crashes, repeats + " repeats after " + crashes + " crashes");
    }

    void settle() {
      receiver.down(false);
      reviveIfDead();
      clock.advance(Duration.ofHours(2));
      reviveIfDead();
      clock.advance(Duration.ofHours(2));
      Set<String> keys = new HashSet<>();
      written().forEach(e -> keys.add(e.key()));
      assertEquals(keys, new HashSet<>(receiver.applied()),
          "every entry applied exactly once after things settled");
      assertEquals(0, shared.outbox().orElseThrow().deadLetters(10).size(), "no dead letters");
    }

    String describe() {
      return "crashes=" + crashes + " received=" + receiver.received().size() + " applied="
          + receiver.applied().size() + " written=" + written().size();
    }
  }

  private static Gen<Action<World>> actions(World w) {
    Gen<Integer> printer = Gens.integers(0, PRINTERS - 1);
    return Gens.frequency(
        Gens.weight(4, printer.map(p -> Action.<World>of("start on p" + p,
            s -> s.states[p] == PrinterState.IDLE, s -> s.go(p, PrinterState.PRINTING)))),
        Gens.weight(2, printer.map(p -> Action.<World>of("pause p" + p,
            s -> s.states[p] == PrinterState.PRINTING, s -> s.go(p, PrinterState.PAUSED)))),
        Gens.weight(2, printer.map(p -> Action.<World>of("resume p" + p,
            s -> s.states[p] == PrinterState.PAUSED, s -> s.go(p, PrinterState.PRINTING)))),
        Gens.weight(4, printer.flatMap(p -> Gens.elements(PrinterState.FINISHED,
            PrinterState.FAILED, PrinterState.CANCELLED).map(end -> Action.<World>of(
            end + " on p" + p, s -> s.states[p] == PrinterState.PRINTING
                || s.states[p] == PrinterState.PAUSED, s -> {
              s.go(p, end);
              s.go(p, PrinterState.IDLE);
            })))),
        Gens.weight(2, Gens.booleans().map(down -> Action.<World>of(
            "receiver " + (down ? "down" : "up"), s -> {
              s.receiver.down(down);
              s.reviveIfDead();
            }))),
        Gens.weight(2, Gens.constant(Action.<World>of("crash at the next mark",
            s -> !s.outbox.dead(), s -> s.outbox.crashOnNextMark()))),
        Gens.weight(4, Gens.integers(1, 400).map(sec -> Action.<World>of("wait " + sec + " s",
            s -> {
              s.clock.advance(Duration.ofSeconds(sec));
              s.reviveIfDead();
            }))),
        Gens.weight(1, Gens.constant(Action.<World>of("settle", World::settle))));
  }

  @Test
  void everyEntryIsAppliedOnceThroughOutagesAndCrashes() {
    StatefulCheck.of("outbox world", World::new)
        .actions(OutboxModelTest::actions)
        .invariant("only written entries, first receipts in order, 16 repeats per crash at most",
            World::checkSafety)
        .describeState(World::describe)
        .teardown(w -> {
          w.engine.close();
          w.abandoned.forEach(Printernizer::close);
        })
        .sequences(150)
        .maxSteps(40)
        .check();
  }
}
