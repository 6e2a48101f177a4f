package dev.printernizer.testkit.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.AutoJobSettings;
import dev.printernizer.api.PrinterState;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.PermanentDeliveryFailure;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.RetryPolicy;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.fake.ManualClock;
import dev.printernizer.testkit.outbox.CrashingOutbox;
import dev.printernizer.testkit.outbox.RecordingDestination;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The outbox delivers every entry once, in order, through receiver outages and crashes. */
class OutboxDeliveryTest {

  private static List<String> keys(List<OutboxEntry> es) {
    return es.stream().map(OutboxEntry::key).collect(Collectors.toList());
  }

  /** Three prints on p1: auto-created and completed each, the third still running. */
  private static void threePrints(Rig rig) {
    rig.idle("p1");
    for (String f : List.of("a.gcode", "b.gcode")) {
      rig.printing("p1", f, 1);
      rig.printing("p1", f, 60);
      rig.state("p1", PrinterState.FINISHED, f);
      rig.idle("p1");
    }
    rig.printing("p1", "c.gcode", 1);
  }

  @Test
  void aReceiverDownForTenMinutesGetsEveryEntryAfterwardsInOrder() {
    ManualClock clock = new ManualClock();
    InMemoryJobStore store = new InMemoryJobStore(clock);
    RecordingDestination hook = new RecordingDestination("hook");
    Rig rig = new Rig(store, clock, new AutoJobSettings(), "p1");
    rig.destinations.add(hook);
    try (rig) {
      rig.start();
      hook.down(true);
      threePrints(rig);
      rig.advance(Duration.ofMinutes(10));
      assertEquals(List.of(), hook.received(), "nothing arrives while the receiver is down");
      assertTrue(hook.refused() >= 5 && hook.refused() <= 20,
          "back-off, not hammering: " + hook.refused() + " attempts in 10 minutes");
      Delivery head = rig.engine.deliveries().ofJob(rig.jobs().get(2).id()).get(0);
      assertEquals(Delivery.State.PENDING, head.state(), "still pending, not given up: " + head);
      hook.down(false);
      rig.advance(RetryPolicy.DEFAULT.maxDelay().multipliedBy(2));
      assertEquals(expectedKeys(rig), keys(hook.received()),
          "every entry after the outage, once each, in the order written");
      assertEquals(0, rig.engine.deliveries().backlog().get(0).pending());
    }
  }

  /** Created and completed for the two finished prints, created for the running one. */
  private static List<String> expectedKeys(Rig rig) {
    List<Delivery> all = new java.util.ArrayList<>();
    for (dev.printernizer.api.Job j : rig.jobs()) {
      all.addAll(rig.engine.deliveries().ofJob(j.id()));
    }
    all.sort(java.util.Comparator.comparingLong(d -> d.entry().seq())); // the order written
    assertEquals(5, all.size(), "two created + completed, one created: " + all);
    return all.stream().map(d -> d.entry().key()).collect(Collectors.toList());
  }

  @Test
  void anInstanceKilledBetweenSendingAndMarkingIsRepeatedWithTheSameKeyByAnother() {
    ManualClock clock = new ManualClock();
    InMemoryJobStore shared = new InMemoryJobStore(clock);
    CrashingOutbox crashing = new CrashingOutbox(shared.outbox().orElseThrow());
    ForwardingJobStore firstProcess = new ForwardingJobStore(shared) {
      @Override
      public Optional<Outbox> outbox() {
        return Optional.of(crashing);
      }
    };
    RecordingDestination hook = new RecordingDestination("hook", OutboxEvent.JOB_AUTO_CREATED);
    Rig first = new Rig(firstProcess, clock, new AutoJobSettings(), "p1");
    first.destinations.add(hook);
    first.start();
    crashing.crashOnNextMark();
    first.idle("p1");
    first.printing("p1", "benchy.gcode", 1);
    assertTrue(crashing.dead(), "the first process died after sending");
    assertEquals(1, hook.received().size(), "the receiver got it once so far");

    Rig second = new Rig(shared, clock, new AutoJobSettings(), "p1");
    second.destinations.add(hook);
    try (second) {
      second.start();
      clock.advance(Duration.ofSeconds(20));
      assertEquals(1, hook.received().size(),
          "the dead process's lease still holds: nobody delivers yet");
      clock.advance(Duration.ofSeconds(15)); // the 30 s lease ran out
      List<OutboxEntry> got = hook.received();
      assertEquals(2, got.size(), "delivered again by the second instance: " + got);
      assertEquals(got.get(0).key(), got.get(1).key(), "the repeat has the same key");
      assertEquals(1, hook.applied().size(), "a receiver that deduplicates applies it once");
      clock.advance(Duration.ofMinutes(5));
      assertEquals(2, hook.received().size(), "marked delivered now: no third delivery");
      assertEquals(0, second.engine.deliveries().backlog().get(0).pending());
    }
  }

  @Test
  void aStoreWithoutAnOutboxStillDeliversFromMemory() {
    ManualClock clock = new ManualClock();
    ForwardingJobStore noOutbox = new ForwardingJobStore(new InMemoryJobStore(clock)) {
      @Override
      public Optional<Outbox> outbox() {
        return Optional.empty();
      }
    };
    RecordingDestination hook = new RecordingDestination("hook");
    Rig rig = new Rig(noOutbox, clock, new AutoJobSettings(), "p1");
    rig.destinations.add(hook);
    try (rig) {
      rig.start();
      assertFalse(rig.engine.deliveries().durable(), "entries are kept in memory");
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 1);
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      String id = rig.onlyJob().id();
      assertEquals(List.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED),
          hook.received().stream().map(OutboxEntry::event).collect(Collectors.toList()));
      assertTrue(hook.received().get(0).key().startsWith(id + ":job_auto_created:"),
          "the same keys as a store's outbox: " + hook.received());
    }
  }

  @Test
  void aRefusedEntryBecomesADeadLetterTheRestGoesOnAndRetryNowDeliversIt() {
    ManualClock clock = new ManualClock();
    java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic
        .AtomicBoolean(true);
    Destination picky = new Destination() {
      @Override
      public String name() {
        return "picky";
      }

      @Override
      public java.util.Set<OutboxEvent> events() {
        return java.util.EnumSet.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_COMPLETED);
      }

      @Override
      public void deliver(DeliveryContext d) throws PermanentDeliveryFailure {
        if (d.entry().event() == OutboxEvent.JOB_AUTO_CREATED && refuse.get()) {
          throw new PermanentDeliveryFailure("HTTP 410 Gone");
        }
        got.add(d.entry().event().wireName() + " " + d.job().map(j -> j.status().name())
            .orElse("?") + " on " + d.printerName());
      }
    };
    Rig rig = new Rig(new InMemoryJobStore(clock), clock, new AutoJobSettings(), "p1");
    rig.destinations.add(picky);
    try (rig) {
      rig.start();
      rig.idle("p1");
      rig.printing("p1", "a.gcode", 1);
      rig.state("p1", PrinterState.FINISHED, "a.gcode");
      assertEquals(List.of("job_completed COMPLETED on Printer p1"), got,
          "the refused entry does not block the next one");
      List<Delivery> dead = rig.engine.deliveries().deadLetters(10);
      assertEquals(1, dead.size(), dead.toString());
      assertEquals("PermanentDeliveryFailure: HTTP 410 Gone", dead.get(0).lastError());
      assertEquals(1, rig.engine.deliveries().backlog().get(0).dead());
      refuse.set(false);
      assertTrue(rig.engine.deliveries().retry("picky", dead.get(0).entry().seq()));
      assertEquals("job_auto_created COMPLETED on Printer p1", got.get(1),
          "retried at once; the job as it is now");
      assertEquals(List.of(), rig.engine.deliveries().deadLetters(10));
    }
  }
}
