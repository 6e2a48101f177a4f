package dev.printernizer.time;

import java.time.Duration;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * The only source of time for the engine and the drivers: wall time for records
 * ({@link InstantSource}), monotonic ticks for intervals, and a scheduler for delays and polling.
 *
 * <p>Production code uses {@link #system()}; tests use the testkit's manual clock, which runs
 * scheduled tasks when the test advances it, so polls and timeouts run in virtual time.
 *
 * <p>Implementations are thread-safe. Scheduled tasks run on a thread of the clock (the system
 * clock has one daemon thread): they must be short and hand real work to another executor.
 *
 * @since 0.1
 */
public interface EngineClock extends InstantSource {
  /**
   * Monotonic nanoseconds, unrelated to wall time. Compare two readings by subtraction only
   * ({@code b - a}), never with {@code <}, so the values may wrap.
   *
   * @return the current tick
   * @since 0.1
   */
  long ticks();

  /**
   * Runs {@code task} once after {@code delay}.
   *
   * @param delay the delay (zero or negative: as soon as possible)
   * @param task the task; exceptions it throws are logged and contained
   * @return a handle to cancel the task
   * @since 0.1
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * The system clock: UTC wall time, the JVM's monotonic nanosecond ticks and one shared daemon
   * scheduler thread.
   *
   * @return the shared system clock
   * @since 0.1
   */
  static EngineClock system() {
    return SystemClock.INSTANCE;
  }

  /**
   * The clock to use: the given one, or the {@linkplain #system() system clock} when none was
   * given. The engine's builder takes its default from here, so only this package ever hands out
   * the system clock.
   *
   * @param clock an injected clock, or null
   * @return {@code clock}, or the system clock when it is null
   * @since 0.1
   */
  static EngineClock orSystem(@Nullable EngineClock clock) {
    return clock == null ? SystemClock.INSTANCE : clock;
  }

  /**
   * A scheduled task that can be cancelled.
   *
   * @since 0.1
   */
  @FunctionalInterface
  interface Cancellable {
    /**
     * Cancels the task if it has not run; does nothing otherwise.
     * @since 0.1
     */
    void cancel();
  }
}
