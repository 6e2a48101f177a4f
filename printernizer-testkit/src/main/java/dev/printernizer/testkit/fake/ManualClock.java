package dev.printernizer.testkit.fake;

import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * An {@link EngineClock} that only moves when the test says so. Scheduled tasks run on the
 * thread that calls {@link #advance(Duration)}, in due order, with the clock set to their due
 * time, so polling, timeouts and back-off run in virtual time.
 *
 * <p>Wall time and ticks are separate: {@link #setWallTime(Instant)} jumps the wall clock (as a
 * printer or host clock may jump) without moving ticks. Ticks can start anywhere, including near
 * {@link Long#MAX_VALUE}, to prove that code compares them by subtraction. Thread-safe.
 *
 * @since 0.1
 */
public final class ManualClock implements EngineClock {
  private final Object lock = new Object();
  private Instant wall;
  private long ticks;
  private long seq;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
    long d = a.due - b.due;
    return d != 0 ? Long.signum(d) : Long.compare(a.seq, b.seq);
  });

  /**
   * @param start the initial wall time
   * @param startTicks the initial tick value
   * @since 0.1
   */
  public ManualClock(Instant start, long startTicks) {
    this.wall = Objects.requireNonNull(start, "start");
    this.ticks = startTicks;
  }

  /**
   * A clock at 2026-01-01T00:00:00Z with ticks at 0.
   *
   * @since 0.1
   */
  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"), 0);
  }

  @Override
  public Instant instant() {
    synchronized (lock) {
      return wall;
    }
  }

  @Override
  public long ticks() {
    synchronized (lock) {
      return ticks;
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (lock) {
      Task t = new Task(ticks + Math.max(0, delay.toNanos()), seq++, task);
      tasks.add(t);
      return () -> {
        synchronized (lock) {
          tasks.remove(t);
        }
      };
    }
  }

  /**
   * Moves both clocks forward, running every task that falls due on the way (including tasks
   * those tasks schedule).
   *
   * @param d how far; not negative
   * @since 0.1
   */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + d);
    }
    long target;
    synchronized (lock) {
      target = ticks + d.toNanos();
    }
    while (true) {
      Task next;
      synchronized (lock) {
        next = tasks.peek();
        if (next == null || next.due - target > 0) {
          moveTo(target);
          return;
        }
        tasks.poll();
        moveTo(next.due);
      }
      next.task.run();
    }
  }

  /**
   * Runs the tasks due now without moving the clock.
   * @since 0.1
   */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  private void moveTo(long t) {
    long delta = t - ticks;
    if (delta > 0) {
      wall = wall.plusNanos(delta);
      ticks = t;
    }
  }

  /**
   * Sets the wall time without moving ticks or running tasks (a clock jump).
   *
   * @param instant the new wall time
   * @since 0.1
   */
  public void setWallTime(Instant instant) {
    synchronized (lock) {
      wall = Objects.requireNonNull(instant, "instant");
    }
  }

  /**
   * @return how many tasks are scheduled
   * @since 0.1
   */
  public int pendingTasks() {
    synchronized (lock) {
      return tasks.size();
    }
  }

  /**
   * @return due offsets from now of the scheduled tasks, soonest first
   * @since 0.1
   */
  public List<Duration> pendingDelays() {
    synchronized (lock) {
      List<Task> copy = new ArrayList<>(tasks);
      copy.sort(tasks.comparator());
      List<Duration> out = new ArrayList<>();
      for (Task t : copy) {
        out.add(Duration.ofNanos(t.due - ticks));
      }
      return out;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ManualClock{" + wall + ", ticks=" + ticks + ", tasks=" + tasks.size() + "}";
    }
  }

  private static final class Task {
    final long due;
    final long seq;
    final Runnable task;

    Task(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }
  }
}
