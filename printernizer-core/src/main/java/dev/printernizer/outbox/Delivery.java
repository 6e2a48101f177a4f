package dev.printernizer.outbox;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry on its way to one destination.
 *
 * @param destination the destination's name
 * @param entry the entry
 * @param state pending, delivered or dead
 * @param attempts failed attempts so far
 * @param nextAttempt when a pending delivery that failed is due again (the entry's time when
 *     never tried: then it is due at once)
 * @param lastError why the last attempt failed (never a secret), or null
 * @param memo what the destination remembered before its last attempt (see
 *     {@link DeliveryContext#remember}), or null
 * @since 0.4
 */
public record Delivery(String destination, OutboxEntry entry, State state, int attempts,
    Instant nextAttempt, @Nullable String lastError, @Nullable String memo) {
  /** Longest error and memo text kept; longer ones are cut. */
  public static final int MAX_TEXT = 1000;

  /**
   * Checks the fields.
   *
   * @param destination destination name
   * @param entry the entry
   * @param state the state
   * @param attempts failed attempts, 0 or more
   * @param nextAttempt when due
   * @param lastError last error or null (cut at {@link #MAX_TEXT})
   * @param memo memo or null
   */
  public Delivery {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    lastError = cut(lastError);
  }

  /**
   * @param text a text or null
   * @return the text cut to {@link #MAX_TEXT} characters
   * @since 0.4
   */
  public static @Nullable String cut(@Nullable String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  /**
   * Where a delivery stands.
   *
   * @since 0.4
   */
  public enum State {
    /** Not delivered yet: due at {@link Delivery#nextAttempt()}. */
    PENDING,
    /** The destination confirmed it. */
    DELIVERED,
    /**
     * Given up: the destination refused it for good, or every attempt of the retry policy failed.
     * Stays until someone retries it ({@link Outbox#retryNow}).
     */
    DEAD
  }
}
