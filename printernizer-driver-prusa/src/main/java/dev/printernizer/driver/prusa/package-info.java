/**
 * The Prusa driver (PrusaLink HTTP), found through its provider.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.prusa;

import org.jspecify.annotations.NullMarked;
