/**
 * Compatibility kits: abstract JUnit Jupiter tests of the store, driver and notifier contracts.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.testkit;

import org.jspecify.annotations.NullMarked;
