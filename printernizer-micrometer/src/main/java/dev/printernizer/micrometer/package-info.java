/**
 * Micrometer metrics of the engine: {@link dev.printernizer.micrometer.PrinternizerMetrics} and
 * {@link dev.printernizer.micrometer.TimedJobStore}. See {@code docs/metrics.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.micrometer;

import org.jspecify.annotations.NullMarked;
