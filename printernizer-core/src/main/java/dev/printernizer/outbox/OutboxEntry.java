package dev.printernizer.outbox;

import dev.printernizer.api.PrinterId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One externally visible consequence of a change: written by the job store in the transaction
 * of the change, delivered afterwards to every destination that subscribed to its event.
 *
 * @param seq the store's sequence number (ascending in the order entries were written; 0 for an
 *     entry not yet stored)
 * @param key the idempotency key: the job id, the event and the job's version after the change
 *     ({@code 4f1c...:job_completed:7}), the same in every instance that sees the change, so a
 *     receiver can drop repeats; at most 255 characters
 * @param event what happened
 * @param at when the store recorded it
 * @param printerId the printer
 * @param jobId the job, or null for an event of the printer alone
 * @param jobVersion the job's version after the change (0 without a job)
 * @param detail a short text: the close reason, the connection problem (never a secret)
 * @since 0.4
 */
public record OutboxEntry(long seq, String key, OutboxEvent event, Instant at, PrinterId printerId,
    @Nullable String jobId, long jobVersion, @Nullable String detail) {
  /** Longest idempotency key. */
  public static final int MAX_KEY = 255;
  /** Longest detail text; longer ones are cut. */
  public static final int MAX_DETAIL = 1000;

  /**
   * Checks the fields.
   *
   * @param seq sequence number, 0 or more
   * @param key idempotency key
   * @param event the event
   * @param at when
   * @param printerId the printer
   * @param jobId the job or null
   * @param jobVersion its version, 0 or more
   * @param detail a short text or null (cut at {@link #MAX_DETAIL})
   */
  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(printerId, "printerId");
    if (seq < 0 || jobVersion < 0) {
      throw new IllegalArgumentException("seq and jobVersion must not be negative");
    }
    if (key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("key must have 1-" + MAX_KEY + " characters");
    }
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }

  /**
   * @param seq the sequence number the store gave it
   * @return this entry with that number
   * @since 0.4
   */
  public OutboxEntry withSeq(long seq) {
    return new OutboxEntry(seq, key, event, at, printerId, jobId, jobVersion, detail);
  }

  /**
   * @return the job the entry is about
   * @since 0.4
   */
  public Optional<String> job() {
    return Optional.ofNullable(jobId);
  }
}
