/**
 * A destination that sends push notifications through an ntfy server, in German or English.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notifiers.ntfy;

import org.jspecify.annotations.NullMarked;
