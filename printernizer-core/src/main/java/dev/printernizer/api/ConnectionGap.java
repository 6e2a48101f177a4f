package dev.printernizer.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time span during a print in which the printer could not be reached (promise P5).
 *
 * @param from when the connection was lost
 * @param to when the printer was seen again
 * @since 0.1
 */
public record ConnectionGap(Instant from, Instant to) {
  /**
   * Validates the span.
   *
   * @param from when the connection was lost
   * @param to when the printer was seen again
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public ConnectionGap {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("gap ends before it starts: " + from + " > " + to);
    }
  }

  /**
   * @return the length of the gap
   * @since 0.1
   */
  public Duration length() {
    return Duration.between(from, to);
  }
}
