/**
 * Statistics over the job history: {@link dev.printernizer.statistics.JobStatistics} (totals and
 * breakdowns by printer, by month in a time zone, by status and by material) for a
 * {@link dev.printernizer.statistics.StatisticsQuery}, computed by the job store
 * ({@link dev.printernizer.spi.JobStore#statistics}); {@link
 * dev.printernizer.statistics.StatisticsCollector} is the definition of every figure, usable
 * over any jobs. See {@code docs/accounting.md}.
 *
 * <p>Null-marked: a parameter, return value or field may be null only where it is annotated
 * {@code @Nullable}.
 */
@NullMarked
package dev.printernizer.statistics;

import org.jspecify.annotations.NullMarked;
