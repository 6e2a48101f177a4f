/**
 * Test doubles for the outbox: a {@link dev.printernizer.testkit.outbox.RecordingDestination}
 * that records what it receives, can be taken down and deduplicates by idempotency key like a
 * careful receiver, and a {@link dev.printernizer.testkit.outbox.CrashingOutbox} that plays a
 * process dying between a delivery and its mark.
 */
@NullMarked
package dev.printernizer.testkit.outbox;

import org.jspecify.annotations.NullMarked;
