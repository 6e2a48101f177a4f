/**
 * The in-memory reference job store.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.store;

import org.jspecify.annotations.NullMarked;
