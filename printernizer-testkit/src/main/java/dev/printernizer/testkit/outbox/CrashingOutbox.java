package dev.printernizer.testkit.outbox;

import dev.printernizer.outbox.Outbox;
import java.time.Instant;

/**
 * An outbox that plays its process dying: after {@link #crashOnNextMark()}, the next
 * {@link #delivered} or {@link #deliveredAll} (the receiver has the entries, the mark is not
 * written) and every call after
 * it fail, as if the process had been killed at that instant: nothing is marked and no lease is
 * released, so another instance must wait for the lease to run out and deliver again.
 */
public final class CrashingOutbox extends ForwardingOutbox {
  private volatile boolean armed;
  private volatile boolean dead;

  /** @param delegate the real outbox (shared with the instance that survives) */
  public CrashingOutbox(Outbox delegate) {
    super(delegate);
  }

  /** The next mark of a delivery kills this "process". */
  public void crashOnNextMark() {
    armed = true;
  }

  /** @return whether the "process" died */
  public boolean dead() {
    return dead;
  }

  @Override
  protected void before() {
    if (dead) {
      throw new IllegalStateException("this process was killed");
    }
  }

  @Override
  public boolean delivered(String destination, long seq, Instant at) {
    before();
    if (armed) {
      dead = true;
      throw new IllegalStateException("killed between the delivery and its mark");
    }
    return super.delivered(destination, seq, at);
  }

  @Override
  public int deliveredAll(String destination, java.util.List<Long> seqs, Instant at) {
    before();
    if (armed) {
      dead = true;
      throw new IllegalStateException("killed between the deliveries and their mark");
    }
    return super.deliveredAll(destination, seqs, at);
  }
}
