/**
 * Fakes for tests: a manual clock, scriptable printers, recording context and notifier,
     faulty stores.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.testkit.fake;

import org.jspecify.annotations.NullMarked;
