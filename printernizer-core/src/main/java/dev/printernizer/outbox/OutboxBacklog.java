package dev.printernizer.outbox;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How far one destination is behind.
 *
 * @param destination its name
 * @param pending deliveries not yet confirmed
 * @param dead deliveries given up (dead letters)
 * @param leaseOwner the instance that delivers for it now, or null
 * @since 0.4
 */
public record OutboxBacklog(String destination, long pending, long dead,
    @Nullable String leaseOwner) {
  /**
   * Checks the fields.
   *
   * @param destination name
   * @param pending pending count
   * @param dead dead count
   * @param leaseOwner current owner or null
   */
  public OutboxBacklog {
    Objects.requireNonNull(destination, "destination");
  }

  /**
   * @return the instance that delivers for the destination now
   * @since 0.4
   */
  public Optional<String> owner() {
    return Optional.ofNullable(leaseOwner);
  }
}
