package dev.printernizer.testkit.property;

import java.time.Duration;

/**
 * What a passing check ran: the seed, the number of cases (sequences), the steps run in total
 * (stateful checks) and the time taken.
 *
 * @param seed the seed
 * @param cases cases or sequences run
 * @param steps steps run (0 for plain properties)
 * @param nanos wall time in nanoseconds
 * @since 0.1
 */
public record CheckResult(long seed, int cases, long steps, long nanos) {
  /**
   * @return the time taken
   * @since 0.1
   */
  public Duration duration() {
    return Duration.ofNanos(nanos);
  }
}
