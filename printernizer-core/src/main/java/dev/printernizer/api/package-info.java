/**
 * The public model: jobs, printers, status snapshots, settings, events and queries.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.api;

import org.jspecify.annotations.NullMarked;
