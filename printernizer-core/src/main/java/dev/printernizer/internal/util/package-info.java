/**
 * Internal: small helpers of the core. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.util;

import org.jspecify.annotations.NullMarked;
