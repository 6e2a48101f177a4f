/**
 * Simulated Bambu Lab and PrusaLink printers on loopback, for tests and demos.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.simulators;

import org.jspecify.annotations.NullMarked;
