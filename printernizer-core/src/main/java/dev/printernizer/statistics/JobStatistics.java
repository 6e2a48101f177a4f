package dev.printernizer.statistics;

import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Statistics of a job history: the totals and four breakdowns. Groups without jobs are left out.
 * Immutable and thread-safe.
 *
 * @param zone the zone months are counted in
 * @param total every job covered
 * @param byPrinter per printer, sorted by id
 * @param byMonth per month of the job's time (start, else creation) in {@code zone}, in order
 * @param byStatus per status (outcome for closed jobs), in the order of {@link JobStatus}
 * @param byMaterial filament per material type, sorted by name
 * @since 0.3
 */
public record JobStatistics(ZoneId zone, JobTotals total, Map<PrinterId, JobTotals> byPrinter,
    Map<YearMonth, JobTotals> byMonth, Map<JobStatus, JobTotals> byStatus,
    Map<String, MaterialTotals> byMaterial) {
  /**
   * Copies the maps into their sorted, unmodifiable forms.
   *
   * @param zone the zone
   * @param total the totals
   * @param byPrinter per printer
   * @param byMonth per month
   * @param byStatus per status
   * @param byMaterial per material
   */
  public JobStatistics {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(total, "total");
    Map<PrinterId, JobTotals> p = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    p.putAll(byPrinter);
    byPrinter = Collections.unmodifiableMap(p);
    byMonth = Collections.unmodifiableMap(new TreeMap<>(byMonth));
    Map<JobStatus, JobTotals> s = new EnumMap<>(JobStatus.class);
    s.putAll(byStatus);
    byStatus = Collections.unmodifiableMap(s);
    byMaterial = Collections.unmodifiableMap(new TreeMap<>(byMaterial));
  }

  /**
   * @param zone the zone
   * @return statistics of no jobs
   * @since 0.3
   */
  public static JobStatistics empty(ZoneId zone) {
    return new JobStatistics(zone, JobTotals.NONE, Map.of(), Map.of(), Map.of(), Map.of());
  }
}
