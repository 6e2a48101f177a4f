/**
 * The clock the engine and drivers run on: the system clock, or a manual one in tests.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.time;

import org.jspecify.annotations.NullMarked;
