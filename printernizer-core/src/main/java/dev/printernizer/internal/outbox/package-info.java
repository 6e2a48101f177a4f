/**
 * Internal: the outbox dispatcher, which delivers the job store's outbox entries to each
 * destination in order, with retries and leases, off the engine lanes. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.outbox;

import org.jspecify.annotations.NullMarked;
