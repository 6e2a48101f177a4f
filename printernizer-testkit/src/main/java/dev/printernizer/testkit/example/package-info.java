/**
 * An example polling driver and its simulated printer, as used in docs/testkit.md.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.testkit.example;

import org.jspecify.annotations.NullMarked;
