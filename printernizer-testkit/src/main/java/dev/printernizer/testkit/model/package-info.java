/**
 * The printer-world model test: random event sequences against the real engine on your store.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.testkit.model;

import org.jspecify.annotations.NullMarked;
