/**
 * Internal: fetching the print file description of new jobs off the engine lanes and linking it
 * to the job. Not exported.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.internal.printfile;

import org.jspecify.annotations.NullMarked;
