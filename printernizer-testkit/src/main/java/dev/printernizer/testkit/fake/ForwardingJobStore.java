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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} that forwards every call; subclass it to change one behaviour (to inject a
 * bug in a harness self-test, or to count calls).
 *
 * @since 0.1
 */
public class ForwardingJobStore implements JobStore {
  private final JobStore delegate;

  /**
   * @param delegate the store to forward to
   * @since 0.1
   */
  protected ForwardingJobStore(JobStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * @return the store forwarded to
   * @since 0.1
   */
  protected final JobStore delegate() {
    return delegate;
  }

  @Override
  public StoreResult createIfAbsent(Job job) {
    return delegate.createIfAbsent(job);
  }

  @Override
  public Job insert(Job job) {
    return delegate.insert(job);
  }

  @Override
  public StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    return delegate.adopt(jobId, link, tracking);
  }

  @Override
  public Optional<Job> updateTracking(String jobId, Tracking tracking) {
    return delegate.updateTracking(jobId, tracking);
  }

  @Override
  public Optional<Job> updateBusiness(String jobId, BusinessFields business) {
    return delegate.updateBusiness(jobId, business);
  }

  @Override
  public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    return delegate.updatePrintFile(jobId, printFile);
  }

  @Override
  public Optional<dev.printernizer.outbox.Outbox> outbox() {
    return delegate.outbox();
  }

  @Override
  public boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    return delegate.updateThumbnail(jobId, thumbnail);
  }

  @Override
  public Optional<Thumbnail> thumbnail(String jobId) {
    return delegate.thumbnail(jobId);
  }

  @Override
  public Optional<Job> updateCost(String jobId, JobCost cost) {
    return delegate.updateCost(jobId, cost);
  }

  @Override
  public java.util.Iterator<Job> scan(JobQuery filter) {
    return delegate.scan(filter);
  }

  @Override
  public JobStatistics statistics(StatisticsQuery query) {
    return delegate.statistics(query);
  }

  @Override
  public Optional<Job> get(String jobId) {
    return delegate.get(jobId);
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    return delegate.findOpenJob(printer);
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    return delegate.findByRunKey(printer, runKey);
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to) {
    return delegate.findAdoptionCandidates(printer, normalizedFile, from, to);
  }

  @Override
  public List<Job> query(JobQuery query) {
    return delegate.query(query);
  }

  @Override
  public long count(JobQuery query) {
    return delegate.count(query);
  }

  @Override
  public boolean delete(String jobId) {
    return delegate.delete(jobId);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
