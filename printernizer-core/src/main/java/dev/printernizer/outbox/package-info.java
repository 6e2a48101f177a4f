/**
 * Side effects exactly once: the durable outbox. Every externally visible consequence of a job
 * change (a webhook, a phone notification, a Home Assistant event, filament deducted from a
 * spool) is written by the job store as an {@link dev.printernizer.outbox.OutboxEntry} in the
 * same transaction as the change ({@link dev.printernizer.outbox.OutboxRules} says which), and
 * delivered afterwards to each {@link dev.printernizer.outbox.Destination} in order, with
 * retries, a dead-letter state and a manual retry. See {@code docs/notifications.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.outbox;

import org.jspecify.annotations.NullMarked;
