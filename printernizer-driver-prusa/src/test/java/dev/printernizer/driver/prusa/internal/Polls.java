package dev.printernizer.driver.prusa.internal;

import dev.printernizer.testkit.fake.ManualClock;
import java.time.Duration;
import java.util.List;

/** Steps a polling driver on a manual clock: it must always have exactly one poll scheduled. */
final class Polls {
  private Polls() {}

  /** @return the delay until the one scheduled poll */
  static Duration nextIn(ManualClock clock) {
    List<Duration> d = clock.pendingDelays();
    if (d.size() != 1) {
      throw new AssertionError("expected one scheduled poll, got " + d);
    }
    return d.get(0);
  }

  /** Runs the next poll, moving the clock exactly to it. */
  static void runNext(ManualClock clock) {
    clock.advance(nextIn(clock));
  }
}
