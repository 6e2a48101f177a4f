package dev.printernizer.internal.outbox;

import dev.printernizer.api.Job;
import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.DeliveryContext;
import dev.printernizer.outbox.Destination;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.PermanentDeliveryFailure;
import dev.printernizer.outbox.RetryPolicy;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one destination's entries: holds the destination's lease, takes its due deliveries in
 * entry order, and stops at the first one that must wait (a retry not yet due), so the order
 * holds. Runs one pass at a time on the dispatcher's executor; a poke during a pass makes one
 * more pass. Timers (a retry falling due, the poll for entries other instances wrote) poke.
 */
final class DestinationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);
  static final int BATCH = 100;
  /**
   * Deliveries confirmed in one write at most: a process that dies repeats at most these (with
   * their keys); a write per delivery would halve the throughput on a database that syncs each
   * commit.
   */
  static final int MARK_BATCH = 16;

  private final Destination destination;
  private final String name;
  private final OutboxDispatcher d;
  private final Executor executor;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean closed;
  private volatile boolean holding;
  private EngineClock.@Nullable Cancellable timer; // guarded by this
  private @Nullable Instant timerAt; // guarded by this
  private int storeFailures; // confined to the pass
  private final List<Long> unmarked = new java.util.ArrayList<>(MARK_BATCH); // confined to the pass

  DestinationWorker(Destination destination, OutboxDispatcher d, Executor executor) {
    this.destination = destination;
    this.name = destination.name();
    this.d = d;
    this.executor = executor;
  }

  String name() {
    return name;
  }

  long deliveredCount() {
    return delivered.get();
  }

  /** Asks for a pass soon (new entries, a retry due, a poll). */
  void poke() {
    if (closed) {
      return;
    }
    again.set(true);
    if (running.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) { // a rejected execution: the poll tries again
        running.set(false);
        LOG.warn("outbox destination {}: cannot schedule delivery: {}", name, e.toString());
      }
    }
  }

  private void drain() {
    try {
      while (again.getAndSet(false) && !closed) {
        pass();
      }
    } finally {
      running.set(false);
    }
    if (again.get() && !closed) {
      poke();
    }
  }

  private void pass() {
    Outbox outbox = d.outbox();
    Instant next;
    try {
      next = deliverDue(outbox);
      storeFailures = 0;
    } catch (RuntimeException e) {
      int n = ++storeFailures;
      if (n == 1 || Integer.bitCount(n) == 1) {
        LOG.warn("outbox destination {}: the job store's outbox failed ({} times in a row);"
            + " delivery waits and tries again: {}", name, n, e.toString());
      }
      next = d.now().plus(d.pollInterval().multipliedBy(Math.min(n, 30)));
    }
    wakeAt(next);
  }

  /** @return when to look again */
  private Instant deliverDue(Outbox outbox) {
    try {
      return deliverAndMark(outbox);
    } finally {
      markDelivered(outbox);
    }
  }

  /** Confirms the deliveries made since the last confirmation. */
  private void markDelivered(Outbox outbox) {
    if (unmarked.isEmpty()) {
      return;
    }
    List<Long> seqs = List.copyOf(unmarked);
    unmarked.clear(); // not marked after a failure: delivered again, with their keys
    outbox.deliveredAll(name, seqs, d.now());
  }

  private Instant deliverAndMark(Outbox outbox) {
    Instant now = d.now();
    holding = outbox.lease(name, d.owner(), now, d.leaseLength());
    if (!holding) {
      return now.plus(d.pollInterval());
    }
    Instant renewAt = now.plus(d.leaseLength().dividedBy(3));
    while (!closed) {
      markDelivered(outbox); // what the next query reads must know what was delivered
      List<Delivery> due = outbox.due(name, BATCH);
      for (Delivery del : due) {
        now = d.now();
        // a delivery never tried is due at once: its time is the store's, not this clock's
        if (del.attempts() > 0 && del.nextAttempt().isAfter(now)) {
          return earlier(del.nextAttempt(), now.plus(d.pollInterval()));
        }
        if (!now.isBefore(renewAt)) {
          if (!outbox.lease(name, d.owner(), now, d.leaseLength())) {
            holding = false;
            return now.plus(d.pollInterval()); // another instance took over
          }
          renewAt = now.plus(d.leaseLength().dividedBy(3));
        }
        Instant retryAt = attempt(outbox, del, now);
        if (retryAt != null) {
          return earlier(retryAt, now.plus(d.pollInterval()));
        }
        if (closed) {
          break;
        }
      }
      if (due.size() < BATCH) {
        break;
      }
    }
    return d.now().plus(d.pollInterval());
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** @return null when the entry is done with (delivered or dead), else when to retry it */
  private @Nullable Instant attempt(Outbox outbox, Delivery del, Instant now) {
    OutboxEntry e = del.entry();
    try {
      destination.deliver(new Context(outbox, del, now));
      delivered.incrementAndGet();
      unmarked.add(e.seq());
      if (unmarked.size() >= MARK_BATCH) {
        markDelivered(outbox);
      }
      return null;
    } catch (PermanentDeliveryFailure f) {
      LOG.warn("outbox destination {}: {} refused for good, kept as a dead letter: {}", name,
          e.key(), f.getMessage());
      outbox.failed(name, e.seq(), del.attempts() + 1, now, describe(f), true);
      return null;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return failed(outbox, del, now, ie);
    } catch (Exception ex) {
      return failed(outbox, del, now, ex);
    }
  }

  private @Nullable Instant failed(Outbox outbox, Delivery del, Instant now, Exception ex) {
    OutboxEntry e = del.entry();
    RetryPolicy policy = d.policy();
    int attempts = del.attempts() + 1;
    boolean dead = attempts >= policy.maxAttempts();
    Instant next = now.plus(policy.delay(attempts, d.random().getAsDouble()));
    outbox.failed(name, e.seq(), attempts, next, describe(ex), dead);
    long n = failures.incrementAndGet();
    if (dead) {
      LOG.warn("outbox destination {}: gave up on {} after {} attempts, kept as a dead letter:"
          + " {}", name, e.key(), attempts, describe(ex));
      return null;
    }
    if (attempts == 1 || n == 1 || Long.bitCount(n) == 1) {
      LOG.info("outbox destination {}: delivering {} failed (attempt {}), retried at {}: {}",
          name, e.key(), attempts, next, describe(ex));
    }
    return next;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private synchronized void wakeAt(Instant at) {
    if (closed) {
      return;
    }
    if (timer != null && timerAt != null && !timerAt.isAfter(at)) {
      return; // an earlier wake-up is set
    }
    if (timer != null) {
      timer.cancel();
    }
    Duration delay = Duration.between(d.now(), at);
    timerAt = at;
    timer = d.clock().schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
      synchronized (this) {
        timer = null;
        timerAt = null;
      }
      poke();
    });
  }

  void close() {
    closed = true;
    synchronized (this) {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }
  }

  boolean holding() {
    return holding;
  }

  /** One attempt, as the destination sees it. */
  private final class Context implements DeliveryContext {
    private final Outbox outbox;
    private final Delivery del;
    private final Instant now;
    private @Nullable Job job;
    private boolean jobRead;
    private @Nullable String memo;

    Context(Outbox outbox, Delivery del, Instant now) {
      this.outbox = outbox;
      this.del = del;
      this.now = now;
      this.memo = del.memo();
    }

    @Override
    public OutboxEntry entry() {
      return del.entry();
    }

    @Override
    public Optional<Job> job() {
      if (!jobRead) {
        String id = del.entry().jobId();
        job = id == null ? null : d.jobs().apply(id).orElse(null);
        jobRead = true;
      }
      return Optional.ofNullable(job);
    }

    @Override
    public String printerName() {
      return d.printerNames().apply(del.entry().printerId());
    }

    @Override
    public int attempt() {
      return del.attempts() + 1;
    }

    @Override
    public Optional<String> memo() {
      return Optional.ofNullable(memo);
    }

    @Override
    public void remember(String text) {
      outbox.remember(name, del.entry().seq(), text);
      memo = text;
    }

    @Override
    public Instant now() {
      return now;
    }
  }
}
