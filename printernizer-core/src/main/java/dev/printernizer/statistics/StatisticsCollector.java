package dev.printernizer.statistics;

import dev.printernizer.accounting.CostCalculator;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.FilamentUsage;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds jobs up into {@link JobStatistics}: the definition of every figure, used by stores that
 * have no faster way and by the store kit as the reference. Jobs outside the query (filter or
 * time range) are skipped.
 *
 * <p>Not thread-safe: one collector per computation.
 *
 * @since 0.3
 */
public final class StatisticsCollector {
  private final StatisticsQuery query;
  private JobTotals total = JobTotals.NONE;
  private final Map<PrinterId, JobTotals> byPrinter = new HashMap<>();
  private final Map<YearMonth, JobTotals> byMonth = new HashMap<>();
  private final Map<JobStatus, JobTotals> byStatus = new HashMap<>();
  private final Map<String, MaterialTotals> byMaterial = new HashMap<>();

  /**
   * @param query what to count
   * @since 0.3
   */
  public StatisticsCollector(StatisticsQuery query) {
    this.query = Objects.requireNonNull(query, "query");
  }

  /**
   * Counts a job if the query covers it.
   *
   * @param job the job
   * @return this
   * @since 0.3
   */
  public StatisticsCollector add(Job job) {
    if (!query.filter().matches(job) || !query.covers(time(job))) {
      return this;
    }
    JobTotals t = totals(job);
    total = total.plus(t);
    byPrinter.merge(job.printerId(), t, JobTotals::plus);
    byMonth.merge(YearMonth.from(time(job).atZone(query.zone())), t, JobTotals::plus);
    byStatus.merge(job.status(), t, JobTotals::plus);
    String currency = job.cost().map(JobCost::currency).orElse(null);
    for (Map.Entry<String, MaterialUse> m : materials(job).entrySet()) {
      Map<String, BigDecimal> cost = currency == null || m.getValue().amount == null ? Map.of()
          : Map.of(currency, m.getValue().amount);
      byMaterial.merge(m.getKey(), new MaterialTotals(m.getKey(), 1, m.getValue().grams, cost),
          MaterialTotals::plus);
    }
    return this;
  }

  /**
   * @return the statistics of the jobs added so far
   * @since 0.3
   */
  public JobStatistics result() {
    return new JobStatistics(query.zone(), total, byPrinter, byMonth, byStatus, byMaterial);
  }

  /**
   * A job's time for ranges and months: its start, or its creation if it never started.
   *
   * @param job the job
   * @return the instant
   * @since 0.3
   */
  public static Instant time(Job job) {
    return job.tracking().startTime().orElse(job.createdAt());
  }

  /**
   * The figures of one job.
   *
   * @param job the job
   * @return its totals (printing time, filament and cost only when closed)
   * @since 0.3
   */
  public static JobTotals totals(Job job) {
    JobStatus s = job.status();
    Duration printing = Duration.ZERO;
    double grams = 0;
    Map<String, BigDecimal> cost = Map.of();
    if (s.isClosed()) {
      Duration p = CostCalculator.printingTime(job.tracking());
      printing = p == null ? Duration.ZERO : p;
      grams = usedGrams(job);
      Optional<JobCost> c = job.cost();
      if (c.isPresent()) {
        cost = Map.of(c.get().currency(), c.get().total());
      }
    }
    return new JobTotals(1, s == JobStatus.COMPLETED ? 1 : 0, s == JobStatus.FAILED ? 1 : 0,
        s == JobStatus.CANCELLED ? 1 : 0, s == JobStatus.INTERRUPTED ? 1 : 0, printing, grams,
        cost);
  }

  /**
   * The grams a closed job used: the known weights of {@link Job#filamentUsed()}.
   *
   * @param job the job
   * @return the grams (0 when unknown)
   * @since 0.3
   */
  public static double usedGrams(Job job) {
    double sum = 0;
    for (MaterialUse m : materials(job).values()) {
      sum += m.grams;
    }
    return sum;
  }

  /**
   * A closed job's filament per material type (slots of one material added up), with the
   * filament cost of those slots where every one of them had a price.
   *
   * @param job the job
   * @return material (upper case, or {@link MaterialTotals#UNKNOWN}) to use, in slot order
   * @since 0.3
   */
  public static Map<String, MaterialUse> materials(Job job) {
    Map<String, MaterialUse> out = new LinkedHashMap<>();
    Optional<FilamentUsage> used = job.filamentUsed();
    if (used.isEmpty() || !job.status().isClosed()) {
      return out;
    }
    Map<Integer, JobCost.MaterialCharge> charges = new HashMap<>();
    job.cost().ifPresent(c -> c.materials().forEach(m -> charges.put(m.slot(), m)));
    for (FilamentUse f : used.get().filaments()) {
      if (f.grams() == null || f.grams() <= 0) {
        continue;
      }
      String material = f.material() == null || f.material().isBlank() ? MaterialTotals.UNKNOWN
          : f.material().trim().toUpperCase(Locale.ROOT);
      JobCost.MaterialCharge charge = charges.get(f.slot());
      BigDecimal amount = charge == null ? null : charge.amount();
      MaterialUse before = out.get(material);
      out.put(material, before == null ? new MaterialUse(f.grams(), amount)
          : new MaterialUse(before.grams + f.grams(), before.amount == null || amount == null
              ? null : before.amount.add(amount)));
    }
    return out;
  }

  /**
   * One material's share of a job.
   *
   * @param grams grams used
   * @param amount their filament cost, or null when a slot of this material had none
   * @since 0.3
   */
  public record MaterialUse(double grams, @org.jspecify.annotations.Nullable BigDecimal amount) {}
}
