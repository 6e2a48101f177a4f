/**
 * The reference server: CLI, configuration, JSON API, event stream and web UI.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.examples.server;

import org.jspecify.annotations.NullMarked;
