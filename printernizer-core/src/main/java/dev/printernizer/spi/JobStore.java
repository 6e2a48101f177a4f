package dev.printernizer.spi;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.api.Tracking;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsCollector;
import dev.printernizer.statistics.StatisticsQuery;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs live. The store, not the engine's memory, makes auto-creation exactly-once.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>One job per run.</b> At most one job exists per (printer, {@link RunLink#runKey()}).
 *       {@link #createIfAbsent(Job)} and {@link #adopt} are atomic check-and-write operations,
 *       also across processes that share the store (P18).</li>
 *   <li><b>One open job per printer.</b> At most one job per printer is open (running or paused)
 *       at any time; a create or adopt that would open a second one answers
 *       {@link StoreResult.Outcome#OPEN_CONFLICT} and changes nothing.</li>
 *   <li><b>Closed stays closed.</b> {@link #updateTracking} on a closed job changes nothing.</li>
 *   <li><b>Separate fields.</b> {@link #updateTracking} writes only tracking fields,
 *       {@link #updateBusiness} only business fields, {@link #updatePrintFile} only the print
 *       file description and {@link #updateCost} only the cost (also on a closed job); the run link and identity are never
 *       changed after creation or adoption.</li>
 *   <li><b>Versions.</b> A stored job's {@link Job#version()} is positive (1 or more), and every
 *       change raises it.</li>
 *   <li><b>Text as given</b>: any Unicode, and file names up to 1,024 characters, read back
 *       exactly.</li>
 *   <li><b>Instants</b> keep at least millisecond precision and are compared in UTC.</li>
 *   <li><b>Every field as given</b>, including {@link Job#normalizedFile()}, which is the dedup
 *       key of the print's name and need not be the file name's (since 0.2: Bambu prints are
 *       recognised by the name on the printer's screen, their file name is kept as
 *       reported).</li>
 * </ul>
 *
 * <p>Implementations are thread-safe; the engine calls them from several threads (one printer's
 * calls are never concurrent with each other). Methods may block on I/O and throw unchecked
 * exceptions on failure (e.g. the database is unreachable); the engine then retries later and
 * loses nothing. The testkit's {@code JobStoreCompatibilityKit} checks every rule above.
 *
 * @since 0.1
 */
public interface JobStore extends AutoCloseable {
  /**
   * Stores a job that is linked to a run, unless that run already has a job.
   *
   * <p>The job is normally open (a print that is running). It may also be closed: a run that
   * ended before it could be recorded (the store was unreachable while it ran). A closed job
   * never conflicts with the printer's open job.
   *
   * @param job a job with a run link, open or closed (not planned)
   * @return CREATED with the stored job, EXISTING with the run's job, or OPEN_CONFLICT with the
   *     printer's other open job (only for an open job)
   * @throws IllegalArgumentException if the job has no run link, is planned, or its id is taken
   * @since 0.1
   */
  StoreResult createIfAbsent(Job job);

  /**
   * Stores a job a person created (status planned, or closed for imported history), with no run
   * link.
   *
   * @param job the job
   * @return the stored job
   * @throws IllegalArgumentException if the job has a run link, is open, or its id is taken
   * @since 0.1
   */
  Job insert(Job job);

  /**
   * Links a planned manual job to a run and opens it (P8), atomically.
   *
   * @param jobId the manual job
   * @param link the run link
   * @param tracking the tracking to start with (open status)
   * @return ADOPTED with the updated job, EXISTING if the run key is taken, OPEN_CONFLICT if the
   *     printer has an open job, REJECTED if the job is missing, linked or not planned
   * @since 0.1
   */
  StoreResult adopt(String jobId, RunLink link, Tracking tracking);

  /**
   * Replaces the tracking fields of a job.
   *
   * @param jobId the job
   * @param tracking the new tracking
   * @return the job as stored afterwards (unchanged if it was closed); empty if it does not exist
   * @since 0.1
   */
  Optional<Job> updateTracking(String jobId, Tracking tracking);

  /**
   * Replaces the business fields of a job.
   *
   * @param jobId the job
   * @param business the new business fields
   * @return the job as stored afterwards; empty if it does not exist
   * @since 0.1
   */
  Optional<Job> updateBusiness(String jobId, BusinessFields business);

  /**
   * Sets what the print's file says (estimated time, filament, slicer) on a job, open or closed:
   * the description often arrives after a short print has ended. Writes nothing else; raises the
   * version.
   *
   * <p>Optional for stores written before 0.3: this default answers
   * {@link UnsupportedOperationException}, and the engine then keeps jobs without the
   * description (it logs that once). The testkit's {@code JobStoreCompatibilityKit} checks a
   * store that implements it.
   *
   * @param jobId the job
   * @param printFile the description
   * @return the job as stored afterwards; empty if it does not exist
   * @throws UnsupportedOperationException if this store does not keep print file descriptions
   * @since 0.3
   */
  default Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    throw new UnsupportedOperationException(getClass().getName()
        + " does not keep print file descriptions");
  }

  /**
   * Sets the cost breakdown of a job (computed when it closed, or recomputed on request). Writes
   * nothing else; raises the version. A later call replaces the cost.
   *
   * <p>Optional for stores written before 0.3: this default answers
   * {@link UnsupportedOperationException}, and the engine then keeps jobs without a cost (it
   * logs that once). The testkit's {@code JobStoreCompatibilityKit} checks a store that
   * implements it.
   *
   * @param jobId the job
   * @param cost the cost
   * @return the job as stored afterwards; empty if it does not exist
   * @throws UnsupportedOperationException if this store does not keep costs
   * @since 0.3
   */
  default Optional<Job> updateCost(String jobId, JobCost cost) {
    throw new UnsupportedOperationException(getClass().getName() + " does not keep job costs");
  }

  /**
   * Keeps the picture of a job's print (replacing one it has). Writes nothing of the job itself:
   * its version stays. Deleting the job deletes the picture.
   *
   * <p>Optional for stores written before 0.3: this default answers
   * {@link UnsupportedOperationException}, and the engine then keeps no pictures (it logs that
   * once). The testkit's {@code JobStoreCompatibilityKit} checks a store that implements it.
   *
   * @param jobId the job
   * @param thumbnail the picture
   * @return whether the job exists (and now has the picture)
   * @throws UnsupportedOperationException if this store does not keep pictures
   * @since 0.3
   */
  default boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    throw new UnsupportedOperationException(getClass().getName() + " does not keep thumbnails");
  }

  /**
   * @param jobId a job id
   * @return the picture of the job's print; empty when it has none, the job does not exist, or
   *     this store keeps no pictures (this default)
   * @since 0.3
   */
  default Optional<Thumbnail> thumbnail(String jobId) {
    return Optional.empty();
  }

  /**
   * @param jobId a job id
   * @return the job
   * @since 0.1
   */
  Optional<Job> get(String jobId);

  /**
   * @param printer a printer
   * @return its open (running or paused) job
   * @since 0.1
   */
  Optional<Job> findOpenJob(PrinterId printer);

  /**
   * @param printer a printer
   * @param runKey a run key
   * @return the job of that run
   * @since 0.1
   */
  Optional<Job> findByRunKey(PrinterId printer, String runKey);

  /**
   * Planned manual jobs without a run link, for this printer and normalized file, created within
   * {@code [from, to]} (inclusive), oldest first.
   *
   * @param printer the printer
   * @param normalizedFile the file's dedup key
   * @param from window start
   * @param to window end
   * @return the candidates
   * @since 0.1
   */
  List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to);

  /**
   * @param query filter and page
   * @return matching jobs, newest first
   * @since 0.1
   */
  List<Job> query(JobQuery query);

  /**
   * @param query filter (page ignored)
   * @return number of matching jobs
   * @since 0.1
   */
  long count(JobQuery query);

  /**
   * Statistics of the jobs a query covers: totals and breakdowns by printer, month, status and
   * material, with every figure as {@link StatisticsCollector} defines it. Deleting jobs changes
   * the result by exactly those jobs.
   *
   * <p>This default reads every covered job through {@link #scan} and adds it up in memory
   * (constant memory, but it reads the whole history). A store that can aggregate, as the JDBC
   * store does in SQL, should override it; the testkit's {@code JobStoreCompatibilityKit}
   * compares the figures with a sum over the jobs.
   *
   * @param query the jobs (filter, time range) and the zone of the months
   * @return the statistics
   * @since 0.3
   */
  default JobStatistics statistics(StatisticsQuery query) {
    StatisticsCollector c = new StatisticsCollector(query);
    scan(query.filter()).forEachRemaining(c::add);
    return c.result();
  }

  /**
   * Every job that matches a filter, newest first (by creation, then id, as {@link #query}),
   * read lazily a page at a time so a caller can walk a history of any length in constant
   * memory: the export and the default {@link #statistics} use it.
   *
   * <p>This default pages with {@link #query} by offset: jobs created or deleted while a scan
   * runs can shift the pages, so a job may be skipped or seen twice. A store that can continue
   * after the last job seen (keyset paging, as the JDBC and in-memory stores do) should override
   * it: then each job that exists for the whole scan is seen exactly once.
   *
   * @param filter printer, statuses, origin (its page is ignored)
   * @return the jobs; the iterator is not thread-safe and need not be drained
   * @since 0.3
   */
  default Iterator<Job> scan(JobQuery filter) {
    return new OffsetPages(this, filter);
  }

  /**
   * The store's outbox: entries written in the same transaction as the job changes that cause
   * them ({@link dev.printernizer.outbox.OutboxRules}), delivered by the engine to its
   * destinations with retries, exactly once for receivers that deduplicate by key.
   *
   * <p>Optional: this default answers empty, and the engine then delivers to destinations from
   * its in-process events, once, without retries and without surviving a restart (it logs that
   * once). The testkit's {@code JobStoreCompatibilityKit} checks a store that has one.
   *
   * @return the outbox, if this store keeps one
   * @since 0.4
   */
  default Optional<dev.printernizer.outbox.Outbox> outbox() {
    return Optional.empty();
  }

  /**
   * Deletes a job.
   *
   * @param jobId the job
   * @return whether it existed
   * @since 0.1
   */
  boolean delete(String jobId);

  /**
   * Releases resources. The default does nothing.
   * @since 0.1
   */
  @Override
  default void close() {}
}
