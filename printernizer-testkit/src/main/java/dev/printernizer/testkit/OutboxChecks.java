package dev.printernizer.testkit;

import static dev.printernizer.testkit.JobStoreCompatibilityKit.autoJob;
import static dev.printernizer.testkit.JobStoreCompatibilityKit.manualJob;
import static dev.printernizer.testkit.JobStoreCompatibilityKit.printer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.ConnectionProblem;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import dev.printernizer.outbox.OutboxRules;
import dev.printernizer.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outbox part of {@link JobStoreCompatibilityKit} ({@link JobStore#outbox()}). */
abstract class OutboxChecks extends StoreChecks {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Outbox outbox() {
    return store().outbox().orElseGet(() -> {
      Assumptions.abort("this store keeps no outbox (the default of JobStore.outbox())");
      throw new AssertionError();
    });
  }

  private static List<String> keys(List<Delivery> ds) {
    return ds.stream().map(d -> d.entry().key()).collect(Collectors.toList());
  }

  private static List<OutboxEvent> events(List<Delivery> ds) {
    return ds.stream().map(d -> d.entry().event()).collect(Collectors.toList());
  }

  @Test
  @DisplayName("outbox: each job change writes its entries, keyed by job, event and version")
  void entriesWithTheChange() {
    Outbox o = outbox();
    o.register("all", EnumSet.allOf(OutboxEvent.class));
    o.register("closed-only", Set.of(OutboxEvent.JOB_COMPLETED));
    Job j = store().createIfAbsent(autoJob(printer("ob"), "k1", "a.3mf", T0)).requireJob();
    Job paused = store().updateTracking(j.id(), j.tracking().withStatus(JobStatus.PAUSED))
        .orElseThrow();
    Job running = store().updateTracking(j.id(), paused.tracking().withStatus(JobStatus.RUNNING))
        .orElseThrow();
    store().updateBusiness(j.id(), new BusinessFields("ACME", true, null, "no entry for this"));
    Job done = close(running, JobStatus.COMPLETED, T0.plusSeconds(600));
    store().insert(manualJob(printer("ob"), "manual.3mf", T0)); // manual: no entry
    List<Delivery> all = o.due("all", 100);
    assertEquals(List.of(OutboxEvent.JOB_AUTO_CREATED, OutboxEvent.JOB_PAUSED,
        OutboxEvent.JOB_RESUMED, OutboxEvent.JOB_COMPLETED), events(all),
        "the entries of create, pause, resume, close, in order (none for business fields or a"
        + " manual job)");
    assertEquals(List.of(j.id() + ":job_auto_created:" + j.version(),
        j.id() + ":job_paused:" + paused.version(), j.id() + ":job_resumed:" + running.version(),
        j.id() + ":job_completed:" + done.version()), keys(all), "idempotency keys");
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i).entry().seq() > all.get(i - 1).entry().seq(),
          "sequence numbers ascend: " + all);
    }
    Delivery first = all.get(0);
    assertEquals(j.id(), first.entry().jobId());
    assertEquals(j.printerId(), first.entry().printerId());
    assertEquals(Delivery.State.PENDING, first.state());
    assertEquals(0, first.attempts());
    assertEquals(List.of(OutboxEvent.JOB_COMPLETED), events(o.due("closed-only", 100)),
        "a destination gets only the events it subscribed to");
    assertEquals(OutboxRules.changes(null, j, T0).get(0).key(), first.entry().key(),
        "the keys are OutboxRules' keys");
  }

  @Test
  @DisplayName("outbox: filament use once per job; a destination registered later gets only"
      + " later entries")
  void filamentOnceAndLateRegistration() {
    Outbox o = outbox();
    o.register("spools", Set.of(OutboxEvent.FILAMENT_USED));
    Job j = store().createIfAbsent(autoJob(printer("ob"), "k2", "b.3mf", T0)).requireJob();
    Job closed = close(j, JobStatus.FAILED, T0.plusSeconds(60));
    assertEquals(List.of(), o.due("spools", 10), "no filament use without a print file");
    PrintFile plan = PrintFile.builder().filaments(List.of(new FilamentUse(0, "PLA", null,
        20.0, null))).build();
    store().updatePrintFile(closed.id(), plan);
    store().updatePrintFile(closed.id(), plan); // again: no second entry
    List<Delivery> due = o.due("spools", 10);
    assertEquals(List.of(closed.id() + ":filament_used"), keys(due),
        "one filament entry when the use became known");
    o.register("late", EnumSet.allOf(OutboxEvent.class));
    assertEquals(List.of(), o.due("late", 10), "earlier entries are not the late one's");
    Job k = store().createIfAbsent(autoJob(printer("ob2"), "k3", "c.3mf", T0)).requireJob();
    assertEquals(List.of(k.id() + ":job_auto_created:1"), keys(o.due("late", 10)));
  }

  @Test
  @DisplayName("outbox: a printer's entry is written once per key; a created job's entry once"
      + " per run")
  void appendOnceAndCreateOnce() {
    Outbox o = outbox();
    o.register("d", EnumSet.allOf(OutboxEvent.class));
    OutboxEntry problem = OutboxRules.connectionProblem(printer("ob"), new ConnectionProblem(
        ConnectionProblem.Kind.AUTHENTICATION_REFUSED, "access code refused", T0, null), T0);
    assertTrue(o.append(problem), "the first append writes");
    assertFalse(o.append(problem), "the same key again is not written");
    Job a = autoJob(printer("ob"), "same-run", "d.3mf", T0);
    store().createIfAbsent(a);
    store().createIfAbsent(autoJob(printer("ob"), "same-run", "d.3mf", T0)); // EXISTING
    List<Delivery> due = o.due("d", 10);
    assertEquals(List.of(OutboxEvent.PRINTER_CONNECTION_PROBLEM, OutboxEvent.JOB_AUTO_CREATED),
        events(due), "one entry for the run, however often it is created");
    assertEquals("authentication_refused: access code refused", due.get(0).entry().detail());
  }

  @Test
  @DisplayName("outbox: a lease has one owner until it runs out; release hands it over")
  void leases() {
    Outbox o = outbox();
    o.register("d", EnumSet.allOf(OutboxEvent.class));
    assertTrue(o.lease("d", "A", T0, LEASE), "a free lease is taken");
    assertFalse(o.lease("d", "B", T0.plusSeconds(29), LEASE), "another owner cannot take it");
    assertTrue(o.lease("d", "A", T0.plusSeconds(29), LEASE), "the owner renews it");
    assertFalse(o.lease("d", "B", T0.plusSeconds(58), LEASE), "renewed: still A's");
    assertTrue(o.lease("d", "B", T0.plusSeconds(60), LEASE), "after it ran out B takes it");
    assertFalse(o.lease("d", "A", T0.plusSeconds(61), LEASE), "and A lost it");
    o.release("d", "A"); // not A's: nothing happens
    assertFalse(o.lease("d", "A", T0.plusSeconds(62), LEASE));
    o.release("d", "B");
    assertTrue(o.lease("d", "A", T0.plusSeconds(62), LEASE), "released: free at once");
    assertEquals("A", o.backlog().stream().filter(b -> b.destination().equals("d"))
        .findFirst().orElseThrow().leaseOwner());
  }

  @Test
  @DisplayName("outbox: delivered, failed, dead, retried and remembered as marked")
  void deliveryStates() {
    Outbox o = outbox();
    o.register("d", EnumSet.allOf(OutboxEvent.class));
    Job j = store().createIfAbsent(autoJob(printer("ob"), "k4", "e.3mf", T0)).requireJob();
    Job closed = close(j, JobStatus.CANCELLED, T0.plusSeconds(60));
    List<Delivery> due = o.due("d", 10);
    assertEquals(2, due.size(), due.toString());
    long created = due.get(0).entry().seq();
    long cancelled = due.get(1).entry().seq();
    assertTrue(o.delivered("d", created, T0.plusSeconds(1)));
    assertFalse(o.delivered("d", created, T0.plusSeconds(2)), "delivered once only");
    o.remember("d", cancelled, "used_weight=12.5");
    Instant next = T0.plusSeconds(90);
    o.failed("d", cancelled, 1, next, "HttpTimeoutException: timed out", false);
    Delivery waiting = o.due("d", 10).get(0);
    assertEquals(cancelled, waiting.entry().seq(), "the failed entry is still due");
    assertEquals(1, waiting.attempts());
    assertEquals(next, waiting.nextAttempt());
    assertEquals("HttpTimeoutException: timed out", waiting.lastError());
    assertEquals("used_weight=12.5", waiting.memo(), "the memo is kept");
    o.failed("d", cancelled, 2, next, "HTTP 410", true);
    assertEquals(List.of(), o.due("d", 10), "a dead delivery is not due");
    List<Delivery> dead = o.deadLetters(10);
    assertEquals(1, dead.size(), dead.toString());
    assertEquals(Delivery.State.DEAD, dead.get(0).state());
    assertEquals(closed.id() + ":job_cancelled:" + closed.version(), dead.get(0).entry().key());
    OutboxBacklog b = o.backlog().stream().filter(x -> x.destination().equals("d")).findFirst()
        .orElseThrow();
    assertEquals(0, b.pending());
    assertEquals(1, b.dead());
    assertTrue(o.retryNow("d", cancelled, T0.plusSeconds(100)));
    Delivery again = o.due("d", 10).get(0);
    assertEquals(0, again.attempts(), "retry now starts the attempts again");
    assertEquals(T0.plusSeconds(100), again.nextAttempt());
    assertEquals("used_weight=12.5", again.memo(), "and keeps the memo");
    assertFalse(o.retryNow("d", created, T0), "a delivered entry is not retried");
    assertEquals(List.of(Delivery.State.DELIVERED, Delivery.State.PENDING),
        o.deliveriesOf(j.id()).stream().map(Delivery::state).collect(Collectors.toList()),
        "the job's deliveries, in entry order");
  }

  @Test
  @DisplayName("outbox: several deliveries confirmed at once, each only while pending")
  void deliveredAll() {
    Outbox o = outbox();
    o.register("d", EnumSet.allOf(OutboxEvent.class));
    store().createIfAbsent(autoJob(printer("ob"), "k8", "i.3mf", T0));
    store().createIfAbsent(autoJob(printer("ob2"), "k9", "j.3mf", T0));
    store().createIfAbsent(autoJob(printer("ob3"), "k10", "k.3mf", T0));
    List<Delivery> due = o.due("d", 10);
    long a = due.get(0).entry().seq();
    long b = due.get(1).entry().seq();
    long c = due.get(2).entry().seq();
    assertTrue(o.delivered("d", b, T0));
    assertEquals(1, o.deliveredAll("d", List.of(a, b), T0.plusSeconds(1)),
        "only the pending one counts");
    assertEquals(List.of(c), o.due("d", 10).stream().map(x -> x.entry().seq())
        .collect(Collectors.toList()));
    assertEquals(0, o.deliveredAll("d", List.of(), T0));
  }

  @Test
  @DisplayName("outbox: prune deletes what was delivered before the cut-off, keeps the rest")
  void prune() {
    Outbox o = outbox();
    o.register("d", EnumSet.allOf(OutboxEvent.class));
    Job a = store().createIfAbsent(autoJob(printer("ob"), "k5", "f.3mf", T0)).requireJob();
    Job b = store().createIfAbsent(autoJob(printer("ob2"), "k6", "g.3mf", T0)).requireJob();
    Job c = store().createIfAbsent(autoJob(printer("ob3"), "k7", "h.3mf", T0)).requireJob();
    List<Delivery> due = o.due("d", 10);
    o.delivered("d", due.get(0).entry().seq(), T0);
    o.delivered("d", due.get(1).entry().seq(), T0.plus(Duration.ofDays(2)));
    o.failed("d", due.get(2).entry().seq(), 5, T0, "gone", true);
    assertEquals(1, o.prune(T0.plus(Duration.ofDays(1))), "one delivery was confirmed before");
    assertEquals(List.of(), o.deliveriesOf(a.id()));
    assertEquals(1, o.deliveriesOf(b.id()).size(), "delivered after the cut-off: kept");
    assertEquals(1, o.deadLetters(10).size(), "dead letters stay");
    assertEquals(c.id(), o.deadLetters(10).get(0).entry().jobId());
  }
}
