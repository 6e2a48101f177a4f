package dev.printernizer.outbox;

import dev.printernizer.api.Job;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver an entry, as a {@link Destination} sees it.
 *
 * @since 0.4
 */
public interface DeliveryContext {
  /**
   * @return the entry
   * @since 0.4
   */
  OutboxEntry entry();

  /**
   * The job the entry is about, as it is stored now (its version may be newer than the
   * entry's {@link OutboxEntry#jobVersion()} when it changed meanwhile).
   *
   * @return the job; empty for an event of a printer alone, or when the job was deleted
   * @since 0.4
   */
  Optional<Job> job();

  /**
   * @return the printer's display name (its id when the engine does not know it)
   * @since 0.4
   */
  String printerName();

  /**
   * @return this attempt's number, 1 for the first
   * @since 0.4
   */
  int attempt();

  /**
   * @return what an earlier attempt remembered before its side effect, if any
   * @since 0.4
   */
  Optional<String> memo();

  /**
   * Stores a short text with the delivery before a side effect whose outcome may stay unknown,
   * durably (the job store's outbox), so that the next attempt (perhaps in another process)
   * can check whether it took effect.
   *
   * @param memo at most {@link Delivery#MAX_TEXT} characters
   * @since 0.4
   */
  void remember(String memo);

  /**
   * @return the engine clock's time
   * @since 0.4
   */
  Instant now();
}
