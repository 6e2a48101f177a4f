/**
 * The testkit's own property-based harness: generators, stateful checks, shrinking and replay.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.testkit.property;

import org.jspecify.annotations.NullMarked;
