/**
 * Configuring the notifiers from a map (the reference server's {@code config.yaml}): {@link dev.printernizer.notifiers.NotifierConfig}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notifiers;

import org.jspecify.annotations.NullMarked;
