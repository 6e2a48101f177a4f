/**
 * Small runnable examples of embedding the library.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.examples;

import org.jspecify.annotations.NullMarked;
