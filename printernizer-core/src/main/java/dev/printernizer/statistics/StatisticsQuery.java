package dev.printernizer.statistics;

import dev.printernizer.api.JobQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which jobs statistics cover and the time zone their months are counted in.
 *
 * <p>A job's time is its start, or its creation for a job that never started. Immutable and
 * thread-safe.
 *
 * @param filter printer, statuses and origin, as for {@link JobQuery}; its page is ignored
 * @param zone the zone that decides which month a job belongs to
 * @param from the first instant included, or null for no lower bound
 * @param to the first instant no longer included, or null for no upper bound
 * @since 0.3
 */
public record StatisticsQuery(JobQuery filter, ZoneId zone, @Nullable Instant from,
    @Nullable Instant to) {
  /**
   * Validates.
   *
   * @param filter the filter
   * @param zone the zone
   * @param from the lower bound, or null
   * @param to the upper bound, or null
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public StatisticsQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(zone, "zone");
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("'to' (" + to + ") must be after 'from' (" + from + ")");
    }
  }

  /**
   * Every job, months counted in {@code zone}.
   *
   * @param zone the zone, e.g. {@code ZoneId.of("Europe/Berlin")}
   * @return the query
   * @since 0.3
   */
  public static StatisticsQuery all(ZoneId zone) {
    return new StatisticsQuery(JobQuery.all(), zone, null, null);
  }

  /**
   * @param f the filter (printer, statuses, origin)
   * @return a copy with this filter
   * @since 0.3
   */
  public StatisticsQuery withFilter(JobQuery f) {
    return new StatisticsQuery(f, zone, from, to);
  }

  /**
   * @param start first instant included, or null
   * @param end first instant no longer included, or null
   * @return a copy covering jobs whose time lies in {@code [start, end)}
   * @since 0.3
   */
  public StatisticsQuery between(@Nullable Instant start, @Nullable Instant end) {
    return new StatisticsQuery(filter, zone, start, end);
  }

  /**
   * @param jobTime a job's time (start, else creation)
   * @return whether it lies in the range
   * @since 0.3
   */
  public boolean covers(Instant jobTime) {
    return (from == null || !jobTime.isBefore(from)) && (to == null || jobTime.isBefore(to));
  }
}
