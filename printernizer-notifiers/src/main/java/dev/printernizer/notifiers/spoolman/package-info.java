/**
 * A destination that reports the filament a job used to Spoolman, once per job and spool.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notifiers.spoolman;

import org.jspecify.annotations.NullMarked;
