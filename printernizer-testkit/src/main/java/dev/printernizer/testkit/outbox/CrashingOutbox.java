package dev.printernizer.testkit.outbox;

import dev.printernizer.outbox.Delivery;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.outbox.OutboxBacklog;
import dev.printernizer.outbox.OutboxEntry;
import dev.printernizer.outbox.OutboxEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An outbox that plays its process dying: after {@link #crashOnNextMark()}, the next
 * {@link #delivered} (the receiver has the entry, the mark is not written) and every call after
 * it fail, as if the process had been killed at that instant: nothing is marked and no lease is
 * released, so another instance must wait for the lease to run out and deliver again.
 */
public final class CrashingOutbox implements Outbox {
  private final Outbox delegate;
  private volatile boolean armed;
  private volatile boolean dead;

  /** @param delegate the real outbox (shared with the instance that survives) */
  public CrashingOutbox(Outbox delegate) {
    this.delegate = delegate;
  }

  /** The next mark of a delivery kills this "process". */
  public void crashOnNextMark() {
    armed = true;
  }

  /** @return whether the "process" died */
  public boolean dead() {
    return dead;
  }

  private void alive() {
    if (dead) {
      throw new IllegalStateException("this process was killed");
    }
  }

  @Override
  public void register(String destination, Set<OutboxEvent> events) {
    alive();
    delegate.register(destination, events);
  }

  @Override
  public boolean append(OutboxEntry entry) {
    alive();
    return delegate.append(entry);
  }

  @Override
  public boolean lease(String destination, String owner, Instant now, Duration length) {
    alive();
    return delegate.lease(destination, owner, now, length);
  }

  @Override
  public void release(String destination, String owner) {
    alive();
    delegate.release(destination, owner);
  }

  @Override
  public List<Delivery> due(String destination, int limit) {
    alive();
    return delegate.due(destination, limit);
  }

  @Override
  public boolean delivered(String destination, long seq, Instant at) {
    alive();
    if (armed) {
      dead = true;
      throw new IllegalStateException("killed between the delivery and its mark");
    }
    return delegate.delivered(destination, seq, at);
  }

  @Override
  public void failed(String destination, long seq, int attempts, Instant nextAttempt,
      String error, boolean deadLetter) {
    alive();
    delegate.failed(destination, seq, attempts, nextAttempt, error, deadLetter);
  }

  @Override
  public void remember(String destination, long seq, String memo) {
    alive();
    delegate.remember(destination, seq, memo);
  }

  @Override
  public List<Delivery> deadLetters(int limit) {
    alive();
    return delegate.deadLetters(limit);
  }

  @Override
  public boolean retryNow(String destination, long seq, Instant now) {
    alive();
    return delegate.retryNow(destination, seq, now);
  }

  @Override
  public List<OutboxBacklog> backlog() {
    alive();
    return delegate.backlog();
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    alive();
    return delegate.deliveriesOf(jobId);
  }

  @Override
  public int prune(Instant before) {
    alive();
    return delegate.prune(before);
  }
}
