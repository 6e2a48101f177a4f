/**
 * Internal: records a job's cost when it closes, off the engine lanes.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.accounting;

import org.jspecify.annotations.NullMarked;
