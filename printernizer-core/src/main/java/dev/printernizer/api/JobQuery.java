package dev.printernizer.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter and page over jobs, newest first (by creation time, then id).
 *
 * <p>Immutable; start from {@link #all()} and narrow with the {@code with...} methods.
 *
 * @since 0.1
 */
public final class JobQuery {
  /**
   * Largest page size.
   * @since 0.1
   */
  public static final int MAX_LIMIT = 1000;

  private final @Nullable PrinterId printerId;
  private final Set<JobStatus> statuses;
  private final @Nullable Boolean autoCreated;
  private final int offset;
  private final int limit;

  private JobQuery(@Nullable PrinterId printerId, Set<JobStatus> statuses,
      @Nullable Boolean autoCreated, int offset,
      int limit) {
    this.printerId = printerId;
    this.statuses = statuses;
    this.autoCreated = autoCreated;
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
    }
    this.offset = offset;
    this.limit = limit;
  }

  /**
   * @return all jobs, first 50
   * @since 0.1
   */
  public static JobQuery all() {
    return new JobQuery(null, Set.of(), null, 0, 50);
  }

  /**
   * @param p printer
   * @return a copy filtered to it
   */
  public JobQuery withPrinter(PrinterId p) {
    return new JobQuery(Objects.requireNonNull(p), statuses, autoCreated, offset, limit);
  }

  /**
   * @param s statuses (empty = all)
   * @return a copy filtered to them
   */
  public JobQuery withStatuses(Set<JobStatus> s) {
    return new JobQuery(printerId, s.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(s)),
        autoCreated, offset, limit);
  }

  /**
   * @param auto true: auto-created only, false: manual only, null: both
   * @return a copy
   */
  public JobQuery withAutoCreated(@Nullable Boolean auto) {
    return new JobQuery(printerId, statuses, auto, offset, limit);
  }

  /**
   * @param offset rows to skip (>= 0)
   * @param limit rows to return (1-1000)
   * @return a copy with the page
   */
  public JobQuery withPage(int offset, int limit) {
    return new JobQuery(printerId, statuses, autoCreated, offset, limit);
  }

  /**
   * @return printer filter
   * @since 0.1
   */
  public Optional<PrinterId> printerId() {
    return Optional.ofNullable(printerId);
  }

  /**
   * @return status filter; empty means all
   * @since 0.1
   */
  public Set<JobStatus> statuses() {
    return statuses;
  }

  /**
   * @return auto-created filter
   * @since 0.1
   */
  public Optional<Boolean> autoCreated() {
    return Optional.ofNullable(autoCreated);
  }

  /**
   * @return rows to skip
   * @since 0.1
   */
  public int offset() {
    return offset;
  }

  /**
   * @return page size
   * @since 0.1
   */
  public int limit() {
    return limit;
  }

  /**
   * Whether a job passes the filter (ignoring the page); for store implementations.
   *
   * @param job a job
   * @return whether it matches
   * @since 0.1
   */
  public boolean matches(Job job) {
    return (printerId == null || printerId.equals(job.printerId()))
        && (statuses.isEmpty() || statuses.contains(job.status()))
        && (autoCreated == null || autoCreated == job.autoCreated());
  }

  @Override
  public String toString() {
    return "JobQuery{printer=" + printerId + ", statuses=" + statuses + ", auto=" + autoCreated
        + ", offset=" + offset + ", limit=" + limit + "}";
  }
}
