/**
 * A destination that POSTs each outbox entry as signed JSON to a URL.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.notifiers.webhook;

import org.jspecify.annotations.NullMarked;
