package dev.printernizer.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The system implementation of {@link EngineClock}: the one class that reads the system clock. */
final class SystemClock implements EngineClock {
  static final SystemClock INSTANCE = new SystemClock();
  private static final Logger LOG = LoggerFactory.getLogger(SystemClock.class);

  private final Clock wall = Clock.systemUTC();
  private final ScheduledThreadPoolExecutor scheduler;

  private SystemClock() {
    scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "printernizer-clock");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Instant instant() {
    return wall.instant();
  }

  @Override
  public long ticks() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long nanos = Math.max(0, delay.toNanos());
    ScheduledFuture<?> f = scheduler.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.error("scheduled task failed", e);
      }
    }, nanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public String toString() {
    return "EngineClock.system()";
  }
}
