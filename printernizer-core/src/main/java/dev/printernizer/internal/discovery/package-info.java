/**
 * Internal: finding providers through ServiceLoader and wiring the builder. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.discovery;

import org.jspecify.annotations.NullMarked;
