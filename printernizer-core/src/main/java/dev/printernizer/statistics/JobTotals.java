package dev.printernizer.statistics;

import dev.printernizer.api.JobStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a group of jobs.
 *
 * <p>Printing time, filament and cost come from closed jobs only: printing time is start to end
 * minus pauses ({@link dev.printernizer.accounting.CostCalculator#printingTime}), filament the
 * grams of {@link dev.printernizer.api.Job#filamentUsed()}, cost the recorded
 * {@link dev.printernizer.api.JobCost#total()} per currency (a hand-entered material cost has no
 * currency and is not counted). Immutable and thread-safe.
 *
 * @param jobs the number of jobs
 * @param completed jobs that completed
 * @param failed jobs that failed
 * @param cancelled jobs that were cancelled
 * @param interrupted jobs that were interrupted
 * @param printingTime the summed printing time
 * @param filamentGrams the summed filament used
 * @param cost the summed recorded cost per ISO 4217 currency, sorted by currency
 * @since 0.3
 */
public record JobTotals(long jobs, long completed, long failed, long cancelled, long interrupted,
    Duration printingTime, double filamentGrams, Map<String, BigDecimal> cost) {
  /** No jobs. */
  public static final JobTotals NONE = new JobTotals(0, 0, 0, 0, 0, Duration.ZERO, 0, Map.of());

  /**
   * Validates and normalises: amounts lose trailing zeros, so {@code 1.50} and {@code 1.5} are
   * equal.
   *
   * @param jobs the jobs
   * @param completed completed
   * @param failed failed
   * @param cancelled cancelled
   * @param interrupted interrupted
   * @param printingTime printing time
   * @param filamentGrams grams
   * @param cost cost per currency
   */
  public JobTotals {
    if (jobs < 0 || completed < 0 || failed < 0 || cancelled < 0 || interrupted < 0
        || completed + failed + cancelled + interrupted > jobs) {
      throw new IllegalArgumentException("counts must be 0 or more and the closed ones at most "
          + jobs + ": " + completed + "/" + failed + "/" + cancelled + "/" + interrupted);
    }
    Objects.requireNonNull(printingTime, "printingTime");
    if (printingTime.isNegative() || !(filamentGrams >= 0) || Double.isInfinite(filamentGrams)) {
      throw new IllegalArgumentException("printing time and grams must be 0 or more");
    }
    Map<String, BigDecimal> c = new TreeMap<>();
    cost.forEach((k, v) -> c.put(Objects.requireNonNull(k, "currency"),
        v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros()));
    cost = Collections.unmodifiableMap(c);
  }

  /**
   * @return jobs that ended: completed, failed, cancelled or interrupted
   * @since 0.3
   */
  public long closed() {
    return completed + failed + cancelled + interrupted;
  }

  /**
   * @return completed jobs as a share of closed ones (0 to 1); empty without closed jobs
   * @since 0.3
   */
  public Optional<Double> successRate() {
    long closed = closed();
    return closed == 0 ? Optional.empty() : Optional.of((double) completed / closed);
  }

  /**
   * @return printing time in hours
   * @since 0.3
   */
  public double printingHours() {
    return printingTime.toMillis() / 3_600_000.0;
  }

  /**
   * @param status a job status
   * @return the count of closed jobs with that status (0 for open statuses)
   * @since 0.3
   */
  public long count(JobStatus status) {
    switch (status) {
      case COMPLETED:
        return completed;
      case FAILED:
        return failed;
      case CANCELLED:
        return cancelled;
      case INTERRUPTED:
        return interrupted;
      default:
        return 0;
    }
  }

  /**
   * @param o other figures
   * @return the figures of both groups together
   * @since 0.3
   */
  public JobTotals plus(JobTotals o) {
    Map<String, BigDecimal> c = new TreeMap<>(cost);
    o.cost.forEach((k, v) -> c.merge(k, v, BigDecimal::add));
    return new JobTotals(jobs + o.jobs, completed + o.completed, failed + o.failed,
        cancelled + o.cancelled, interrupted + o.interrupted, printingTime.plus(o.printingTime),
        filamentGrams + o.filamentGrams, c);
  }
}
