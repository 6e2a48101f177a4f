package dev.printernizer.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The job store's outbox: entries written with the changes that caused them, and their delivery
 * to each destination. A store that has one answers it from
 * {@link dev.printernizer.spi.JobStore#outbox()}; the engine's dispatcher is its only writer
 * besides the store itself.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Same transaction.</b> Every job write that {@link OutboxRules#changes} maps to entries
 *       stores those entries (keys unique: an entry whose key exists is not written again) and a
 *       pending delivery for every registered destination subscribed to the event, atomically
 *       with the write.</li>
 *   <li><b>Order.</b> {@link #due} answers a destination's pending deliveries in the order their
 *       entries were written.</li>
 *   <li><b>One deliverer.</b> {@link #lease} gives a destination to one owner at a time, also
 *       across processes sharing the store; a lease that ran out can be taken by another
 *       owner.</li>
 *   <li><b>Durable.</b> Marks, memos and dead letters survive a restart.</li>
 * </ul>
 *
 * <p>Thread-safe. Methods may block on I/O and throw unchecked exceptions on failure; the
 * dispatcher retries. The testkit's {@code JobStoreCompatibilityKit} checks a store's outbox.
 *
 * @since 0.4
 */
public interface Outbox {
  /**
   * Registers a destination, or changes the events it subscribes to. Entries written afterwards
   * get a pending delivery for it; earlier ones do not.
   *
   * @param destination its name (1-128 characters)
   * @param events the events it subscribes to
   * @since 0.4
   */
  void register(String destination, Set<OutboxEvent> events);

  /**
   * Writes an entry that is not part of a job write (an event of the printer alone), in a
   * transaction of its own, with a pending delivery for every subscribed destination.
   *
   * @param entry the entry (its sequence is ignored)
   * @return whether it was written; false when an entry with its key exists
   * @since 0.4
   */
  boolean append(OutboxEntry entry);

  /**
   * Takes or renews the lease on a destination: succeeds when nobody holds it, the owner holds
   * it, or the holder's lease ran out before {@code now}.
   *
   * @param destination the destination
   * @param owner who asks (an instance id)
   * @param now the current time
   * @param length how long the lease lasts
   * @return whether {@code owner} holds the lease until {@code now + length}
   * @since 0.4
   */
  boolean lease(String destination, String owner, Instant now, Duration length);

  /**
   * Gives up a lease this owner holds (on a clean shutdown), so another instance takes over at
   * once.
   *
   * @param destination the destination
   * @param owner the owner
   * @since 0.4
   */
  void release(String destination, String owner);

  /**
   * @param destination the destination
   * @param limit most deliveries to answer
   * @return its pending deliveries, oldest entry first
   * @since 0.4
   */
  List<Delivery> due(String destination, int limit);

  /**
   * Marks a pending delivery delivered.
   *
   * @param destination the destination
   * @param seq the entry
   * @param at when
   * @return whether it was pending
   * @since 0.4
   */
  boolean delivered(String destination, long seq, Instant at);

  /**
   * Marks several pending deliveries delivered at once (the dispatcher confirms in small
   * batches). This default marks them one by one; a database store should do it in one
   * statement.
   *
   * @param destination the destination
   * @param seqs the entries
   * @param at when
   * @return how many were pending
   * @since 0.4
   */
  default int deliveredAll(String destination, List<Long> seqs, Instant at) {
    int n = 0;
    for (long seq : seqs) {
      n += delivered(destination, seq, at) ? 1 : 0;
    }
    return n;
  }

  /**
   * Records a failed attempt: the delivery stays pending until {@code nextAttempt}, or is dead.
   *
   * @param destination the destination
   * @param seq the entry
   * @param attempts failed attempts now
   * @param nextAttempt when to try again
   * @param error why it failed (never a secret)
   * @param dead whether to give up
   * @since 0.4
   */
  void failed(String destination, long seq, int attempts, Instant nextAttempt, String error,
      boolean dead);

  /**
   * Keeps a short text for a pending delivery before its side effect (a request whose outcome
   * may stay unknown), so the next attempt, in this or another process, can check whether it
   * took effect.
   *
   * @param destination the destination
   * @param seq the entry
   * @param memo the text (at most {@link Delivery#MAX_TEXT} characters)
   * @since 0.4
   */
  void remember(String destination, long seq, String memo);

  /**
   * @param limit most to answer
   * @return the dead deliveries of every destination, newest entry first
   * @since 0.4
   */
  List<Delivery> deadLetters(int limit);

  /**
   * Makes a dead or waiting delivery due now, with its attempts reset.
   *
   * @param destination the destination
   * @param seq the entry
   * @param now the current time
   * @return whether there was such a delivery not yet delivered
   * @since 0.4
   */
  boolean retryNow(String destination, long seq, Instant now);

  /**
   * @return every registered destination's backlog
   * @since 0.4
   */
  List<OutboxBacklog> backlog();

  /**
   * @param jobId a job
   * @return the deliveries of the job's entries, in entry order
   * @since 0.4
   */
  List<Delivery> deliveriesOf(String jobId);

  /**
   * Deletes delivered deliveries confirmed before a time, and entries left with no delivery.
   * Dead and pending deliveries stay.
   *
   * @param before the cut-off
   * @return how many deliveries were deleted
   * @since 0.4
   */
  int prune(Instant before);
}
