/**
 * The entry point: {@link dev.printernizer.Printernizer}, built once, started, closed.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer;

import org.jspecify.annotations.NullMarked;
