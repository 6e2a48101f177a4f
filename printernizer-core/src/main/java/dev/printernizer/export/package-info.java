/**
 * Exporting a job history: {@link dev.printernizer.export.JobExport} streams the jobs that match a
 * query as CSV (RFC 4180, or for a German Excel) or as JSON Lines, in constant memory.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.export;

import org.jspecify.annotations.NullMarked;
