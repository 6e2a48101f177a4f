/**
 * Internal: the HTTP plumbing the notifiers share. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notifiers.internal;

import org.jspecify.annotations.NullMarked;
