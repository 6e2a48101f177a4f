package dev.printernizer.testkit.fake;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Wraps a {@link JobStore} and injects faults: fail every call while {@link #setDown(boolean)
 * down}, fail the n-th call from now, or add latency to every call. A failing call throws
 * {@link StoreUnavailableException} before it reaches the wrapped store, so nothing is half
 * written. Thread-safe.
 *
 * @since 0.1
 */
public final class FaultyJobStore implements JobStore {
  private final JobStore delegate;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean down;
  private volatile long failAtCall = -1;
  private volatile Duration latency = Duration.ZERO;

  /**
   * @param delegate the store to wrap
   * @since 0.1
   */
  public FaultyJobStore(JobStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * @param down whether every call fails
   * @since 0.1
   */
  public void setDown(boolean down) {
    this.down = down;
  }

  /**
   * @param n fail the n-th call from now (1 = the next call)
   * @since 0.1
   */
  public void failNthCall(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1");
    }
    failAtCall = calls.get() + n;
  }

  /**
   * @param latency real time added to every call (blocks the caller)
   * @since 0.1
   */
  public void setLatency(Duration latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
  }

  /**
   * @return calls so far
   * @since 0.1
   */
  public long calls() {
    return calls.get();
  }

  /**
   * @return failures injected so far
   * @since 0.1
   */
  public long failures() {
    return failures.get();
  }

  /**
   * @return the wrapped store
   * @since 0.1
   */
  public JobStore delegate() {
    return delegate;
  }

  private <T> T call(String op, Supplier<T> body) {
    long n = calls.incrementAndGet();
    if (down || n == failAtCall) {
      failures.incrementAndGet();
      throw new StoreUnavailableException("injected failure in " + op + " (call #" + n + ")");
    }
    Duration l = latency;
    if (!l.isZero()) {
      try {
        Thread.sleep(l.toMillis(), l.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while injecting latency");
      }
    }
    return body.get();
  }

  @Override
  public StoreResult createIfAbsent(Job job) {
    return call("createIfAbsent", () -> delegate.createIfAbsent(job));
  }

  @Override
  public Job insert(Job job) {
    return call("insert", () -> delegate.insert(job));
  }

  @Override
  public StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    return call("adopt", () -> delegate.adopt(jobId, link, tracking));
  }

  @Override
  public Optional<Job> updateTracking(String jobId, Tracking tracking) {
    return call("updateTracking", () -> delegate.updateTracking(jobId, tracking));
  }

  @Override
  public Optional<Job> updateBusiness(String jobId, BusinessFields business) {
    return call("updateBusiness", () -> delegate.updateBusiness(jobId, business));
  }

  @Override
  public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    return call("updatePrintFile", () -> delegate.updatePrintFile(jobId, printFile));
  }

  @Override
  public Optional<dev.printernizer.outbox.Outbox> outbox() {
    return delegate.outbox(); // not faulted: the outbox of the store beneath
  }

  @Override
  public boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    return call("updateThumbnail", () -> delegate.updateThumbnail(jobId, thumbnail));
  }

  @Override
  public Optional<Thumbnail> thumbnail(String jobId) {
    return call("thumbnail", () -> delegate.thumbnail(jobId));
  }

  @Override
  public Optional<Job> updateCost(String jobId, JobCost cost) {
    return call("updateCost", () -> delegate.updateCost(jobId, cost));
  }

  @Override
  public java.util.Iterator<Job> scan(JobQuery filter) {
    return call("scan", () -> delegate.scan(filter));
  }

  @Override
  public JobStatistics statistics(StatisticsQuery query) {
    return call("statistics", () -> delegate.statistics(query));
  }

  @Override
  public Optional<Job> get(String jobId) {
    return call("get", () -> delegate.get(jobId));
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    return call("findOpenJob", () -> delegate.findOpenJob(printer));
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    return call("findByRunKey", () -> delegate.findByRunKey(printer, runKey));
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to) {
    return call("findAdoptionCandidates",
        () -> delegate.findAdoptionCandidates(printer, normalizedFile, from, to));
  }

  @Override
  public List<Job> query(JobQuery query) {
    return call("query", () -> delegate.query(query));
  }

  @Override
  public long count(JobQuery query) {
    return call("count", () -> delegate.count(query));
  }

  @Override
  public boolean delete(String jobId) {
    return call("delete", () -> delegate.delete(jobId));
  }

  @Override
  public void close() {
    delegate.close();
  }

  /**
   * The failure {@link FaultyJobStore} injects.
   *
   * @since 0.1
   */
  public static final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public StoreUnavailableException(String message) {
      super(message);
    }
  }
}
