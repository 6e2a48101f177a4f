package dev.printernizer.outbox;

import dev.printernizer.api.DoNotImplement;
import java.util.List;

/**
 * What the outbox delivered, what waits and what was given up, for an API or a UI; from
 * {@code Printernizer.deliveries()}. Thread-safe; each call reads the outbox (the job store's).
 *
 * @since 0.4
 */
@DoNotImplement
public interface Deliveries {
  /**
   * @return whether entries are written in the job store's transactions (false: the store has no
   *     outbox and entries are kept in memory, lost on a restart)
   * @since 0.4
   */
  boolean durable();

  /**
   * @return the configured destinations' names
   * @since 0.4
   */
  List<String> destinations();

  /**
   * @return every registered destination's backlog (pending, dead, who delivers)
   * @since 0.4
   */
  List<OutboxBacklog> backlog();

  /**
   * @param limit most to answer (1-1000)
   * @return dead letters of every destination, newest first
   * @since 0.4
   */
  List<Delivery> deadLetters(int limit);

  /**
   * @param jobId a job
   * @return the deliveries of its entries, in entry order
   * @since 0.4
   */
  List<Delivery> ofJob(String jobId);

  /**
   * Tries a dead or waiting delivery again now (attempts start from zero).
   *
   * @param destination the destination's name
   * @param seq the entry's sequence number
   * @return whether there was such a delivery not yet delivered
   * @since 0.4
   */
  boolean retry(String destination, long seq);
}
