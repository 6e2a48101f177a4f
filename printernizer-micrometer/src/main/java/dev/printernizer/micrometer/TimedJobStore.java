package dev.printernizer.micrometer;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.api.Tracking;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A job store that times every call: timer {@code printernizer.store.calls} with the tags
 * {@code method} ({@code createIfAbsent}, {@code updateTracking}, ...) and {@code outcome}
 * ({@code success}, {@code error}). Hand it to the builder instead of the store itself:
 *
 * <pre>{@code
 * JobStore store = new TimedJobStore(JdbcJobStore.create(dataSource), registry);
 * Printernizer.builder().jobStore(store)...
 * }</pre>
 *
 * <p>Every call, optional ones included, goes to the store it wraps, unchanged; a {@link #scan}
 * is timed until its iterator is returned (the pages it reads later are not). Thread-safe as the
 * wrapped store is. {@link #close()} closes the wrapped store.
 *
 * @since 0.4
 */
public final class TimedJobStore implements JobStore {
  private final JobStore store;
  private final MeterRegistry registry;

  /**
   * @param store the store to time
   * @param registry where the timer goes
   * @since 0.4
   */
  public TimedJobStore(JobStore store, MeterRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  private <T> T time(String method, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = call.get();
      outcome = "success";
      return result;
    } finally {
      Timer.builder("printernizer.store.calls").tag("method", method).tag("outcome", outcome)
          .description("job store calls, by method and outcome").register(registry)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public StoreResult createIfAbsent(Job job) {
    return time("createIfAbsent", () -> store.createIfAbsent(job));
  }

  @Override
  public Job insert(Job job) {
    return time("insert", () -> store.insert(job));
  }

  @Override
  public StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    return time("adopt", () -> store.adopt(jobId, link, tracking));
  }

  @Override
  public Optional<Job> updateTracking(String jobId, Tracking tracking) {
    return time("updateTracking", () -> store.updateTracking(jobId, tracking));
  }

  @Override
  public Optional<Job> updateBusiness(String jobId, BusinessFields business) {
    return time("updateBusiness", () -> store.updateBusiness(jobId, business));
  }

  @Override
  public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    return time("updatePrintFile", () -> store.updatePrintFile(jobId, printFile));
  }

  @Override
  public Optional<Job> updateCost(String jobId, JobCost cost) {
    return time("updateCost", () -> store.updateCost(jobId, cost));
  }

  @Override
  public boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    return time("updateThumbnail", () -> store.updateThumbnail(jobId, thumbnail));
  }

  @Override
  public Optional<Thumbnail> thumbnail(String jobId) {
    return time("thumbnail", () -> store.thumbnail(jobId));
  }

  @Override
  public Optional<Job> get(String jobId) {
    return time("get", () -> store.get(jobId));
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    return time("findOpenJob", () -> store.findOpenJob(printer));
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    return time("findByRunKey", () -> store.findByRunKey(printer, runKey));
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile,
      Instant from, Instant to) {
    return time("findAdoptionCandidates", () -> store.findAdoptionCandidates(printer,
        normalizedFile, from, to));
  }

  @Override
  public List<Job> query(JobQuery query) {
    return time("query", () -> store.query(query));
  }

  @Override
  public long count(JobQuery query) {
    return time("count", () -> store.count(query));
  }

  @Override
  public JobStatistics statistics(StatisticsQuery query) {
    return time("statistics", () -> store.statistics(query));
  }

  @Override
  public Iterator<Job> scan(JobQuery filter) {
    return time("scan", () -> store.scan(filter));
  }

  @Override
  public Optional<Outbox> outbox() {
    return store.outbox();
  }

  @Override
  public boolean delete(String jobId) {
    return time("delete", () -> store.delete(jobId));
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "TimedJobStore{" + store + "}";
  }
}
