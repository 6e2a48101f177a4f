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
 * An outbox that hands every call to another: extend it to change one behaviour (a fault, a
 * deliberate bug for a kit test) and keep the rest.
 */
public class ForwardingOutbox implements Outbox {
  private final Outbox delegate;

  /** @param delegate the outbox calls go to */
  public ForwardingOutbox(Outbox delegate) {
    this.delegate = delegate;
  }

  /** Called before every forwarded call; the default does nothing. */
  protected void before() {}

  @Override
  public void register(String destination, Set<OutboxEvent> events) {
    before();
    delegate.register(destination, events);
  }

  @Override
  public boolean append(OutboxEntry entry) {
    before();
    return delegate.append(entry);
  }

  @Override
  public boolean lease(String destination, String owner, Instant now, Duration length) {
    before();
    return delegate.lease(destination, owner, now, length);
  }

  @Override
  public void release(String destination, String owner) {
    before();
    delegate.release(destination, owner);
  }

  @Override
  public List<Delivery> due(String destination, int limit) {
    before();
    return delegate.due(destination, limit);
  }

  @Override
  public boolean delivered(String destination, long seq, Instant at) {
    before();
    return delegate.delivered(destination, seq, at);
  }

  @Override
  public int deliveredAll(String destination, List<Long> seqs, Instant at) {
    before();
    return delegate.deliveredAll(destination, seqs, at);
  }

  @Override
  public void failed(String destination, long seq, int attempts, Instant nextAttempt,
      String error, boolean dead) {
    before();
    delegate.failed(destination, seq, attempts, nextAttempt, error, dead);
  }

  @Override
  public void remember(String destination, long seq, String memo) {
    before();
    delegate.remember(destination, seq, memo);
  }

  @Override
  public List<Delivery> deadLetters(int limit) {
    before();
    return delegate.deadLetters(limit);
  }

  @Override
  public boolean retryNow(String destination, long seq, Instant now) {
    before();
    return delegate.retryNow(destination, seq, now);
  }

  @Override
  public List<OutboxBacklog> backlog() {
    before();
    return delegate.backlog();
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    before();
    return delegate.deliveriesOf(jobId);
  }

  @Override
  public int prune(Instant before) {
    before();
    return delegate.prune(before);
  }
}
