/**
 * Internal: the PrusaLink driver's polling, HTTP and Digest authentication. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.prusa.internal;

import org.jspecify.annotations.NullMarked;
