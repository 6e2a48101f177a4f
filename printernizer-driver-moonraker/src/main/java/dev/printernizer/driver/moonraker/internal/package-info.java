/**
 * The Moonraker driver's internals: the WebSocket connection and the status mapping. Not API.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.driver.moonraker.internal;

import org.jspecify.annotations.NullMarked;
