/**
 * The service provider interfaces: printer drivers, job stores and notifiers,
     and what the engine hands them.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.spi;

import org.jspecify.annotations.NullMarked;
