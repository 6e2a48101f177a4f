/**
 * Internal: the Bambu driver's connection, TLS and report mapping. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.bambu.internal;

import org.jspecify.annotations.NullMarked;
