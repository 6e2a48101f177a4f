/**
 * Internal: the auto-job engine, one lane per printer. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.engine;

import org.jspecify.annotations.NullMarked;
