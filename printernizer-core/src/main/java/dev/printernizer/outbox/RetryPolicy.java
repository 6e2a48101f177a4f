package dev.printernizer.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed delivery is tried again: after {@code firstDelay}, doubling up to
 * {@code maxDelay}, each delay varied by up to {@code jitter} (a fraction, so instances do not
 * retry in step), until {@code maxAttempts} attempts failed; then the delivery is a dead letter.
 * The default (1 s doubling to 5 min, 20 attempts, 20% jitter) keeps trying for about an hour.
 *
 * @param maxAttempts attempts before giving up, 1 or more
 * @param firstDelay the delay after the first failure
 * @param maxDelay the longest delay
 * @param jitter 0 to 1: each delay is multiplied by a random factor in
 *     {@code [1 - jitter, 1 + jitter]}
 * @since 0.4
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay,
    double jitter) {
  /** The default policy. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(20, Duration.ofSeconds(1),
      Duration.ofMinutes(5), 0.2);

  /**
   * Checks the values.
   *
   * @param maxAttempts attempts, 1 or more
   * @param firstDelay positive
   * @param maxDelay at least firstDelay
   * @param jitter 0 to 1
   */
  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more");
    }
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("delays must be positive, maxDelay >= firstDelay");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be 0 to 1");
    }
  }

  /**
   * @param failedAttempts attempts that failed so far (1 or more)
   * @param random a number in [0, 1)
   * @return the delay before the next attempt
   * @since 0.4
   */
  public Duration delay(int failedAttempts, double random) {
    long base = firstDelay.toMillis();
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
    long millis = base;
    for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
      millis *= 2;
    }
    millis = Math.min(millis, maxDelay.toMillis());
    double factor = 1 - jitter + 2 * jitter * random;
    return Duration.ofMillis(Math.max(1, Math.round(millis * factor)));
  }
}
