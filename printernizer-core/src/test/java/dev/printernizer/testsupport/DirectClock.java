package dev.printernizer.testsupport;

import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.Instant;

/** A fixed clock for core tests (the testkit's ManualClock is not visible here). */
public final class DirectClock implements EngineClock {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long ticks;

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized long ticks() {
    return ticks;
  }

  /** @param d how far to move */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
    ticks += d.toNanos();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    throw new UnsupportedOperationException("not needed in core tests");
  }
}
