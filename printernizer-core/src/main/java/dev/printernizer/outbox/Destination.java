package dev.printernizer.outbox;

import java.util.Set;

/**
 * Where outbox entries go: a webhook, a phone notification service, Home Assistant, Spoolman.
 * Register destinations on {@code Printernizer.builder().destination(...)}.
 *
 * <p>The engine's dispatcher calls {@link #deliver} for one entry at a time per destination, in
 * the order the entries were written, on a thread of its own (never a printer lane). Returning
 * means delivered; an exception means try again later (exponential back-off with jitter, see
 * {@link RetryPolicy}), and {@link PermanentDeliveryFailure} means give up at once (a dead
 * letter, retried only by hand). While an entry waits for its retry, later entries of the same
 * destination wait too, so the order holds.
 *
 * <p><b>Exactly once for receivers that deduplicate.</b> A delivery can repeat when the process
 * dies after the receiver took it and before the outbox recorded that, or when a delivery
 * outlasts the dispatcher's lease; every repeat carries the entry's
 * {@link OutboxEntry#key() idempotency key}. A receiver without keys (Spoolman) is handled with
 * {@link DeliveryContext#remember}: record what you see before the side effect, check it on the
 * next attempt.
 *
 * <p>Implementations must be thread-safe for the sake of {@link #name()} and {@link #events()};
 * {@link #deliver} is never called concurrently for one destination by one engine.
 *
 * @since 0.4
 */
public interface Destination {
  /**
   * @return the stable name the outbox keeps its deliveries under, e.g. {@code webhook:orders};
   *     1-128 characters; renaming a destination leaves its old deliveries behind
   * @since 0.4
   */
  String name();

  /**
   * @return the events this destination gets
   * @since 0.4
   */
  Set<OutboxEvent> events();

  /**
   * Delivers one entry.
   *
   * @param delivery the entry with its job and what earlier attempts remembered
   * @throws PermanentDeliveryFailure when the receiver refused it for good
   * @throws Exception when it failed and is worth retrying (a timeout, a 5xx, a refused
   *     connection)
   * @since 0.4
   */
  void deliver(DeliveryContext delivery) throws Exception;
}
