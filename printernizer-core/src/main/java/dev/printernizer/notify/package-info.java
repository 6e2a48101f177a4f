/**
 * Notifiers that ship with the core.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notify;

import org.jspecify.annotations.NullMarked;
