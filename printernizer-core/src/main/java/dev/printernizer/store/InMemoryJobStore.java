package dev.printernizer.store;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.api.Tracking;
import dev.printernizer.outbox.Outbox;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.statistics.JobStatistics;
import dev.printernizer.statistics.StatisticsCollector;
import dev.printernizer.statistics.StatisticsQuery;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link JobStore} in memory: the reference implementation of the store contract, for tests,
 * demos and hosts that keep history elsewhere. Nothing survives the JVM.
 *
 * <p>Thread-safe: every operation holds one lock for its (short, in-memory) duration, which makes
 * create-if-absent, adoption and the one-open-job rule atomic. Run-key and open-job lookups are
 * O(1); queries scan.
 *
 * @since 0.1
 */
public final class InMemoryJobStore implements JobStore {
  private final Object lock = new Object();
  private final Map<String, Job> byId = new HashMap<>();
  private final Map<String, Thumbnail> thumbnails = new HashMap<>();
  private final Map<String, String> byRun = new HashMap<>();
  private final Map<PrinterId, String> openByPrinter = new HashMap<>();
  /** Planned jobs without a run: the only ones adoption looks at, so it never scans history. */
  private final Set<String> plannedIds = new HashSet<>();

  private final InMemoryOutbox outbox;

  /**
   * An empty store whose outbox entries carry the system clock's time.
   * @since 0.1
   */
  public InMemoryJobStore() {
    this(InstantSource.system());
  }

  /**
   * An empty store whose outbox entries carry the given clock's time (a test's virtual clock).
   *
   * @param clock the time of outbox entries
   * @since 0.4
   */
  public InMemoryJobStore(InstantSource clock) {
    this.outbox = new InMemoryOutbox(lock, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The outbox, in memory like the jobs: entries are written atomically with the job changes
   * that cause them; nothing survives the JVM.
   *
   * @return the outbox
   * @since 0.4
   */
  @Override
  public Optional<Outbox> outbox() {
    return Optional.of(outbox);
  }

  private static String runIndex(PrinterId p, String runKey) {
    return p.value() + '\u0000' + runKey;
  }

  @Override
  public StoreResult createIfAbsent(Job job) {
    Objects.requireNonNull(job, "job");
    RunLink run = job.run().orElseThrow(
        () -> new IllegalArgumentException("createIfAbsent needs a job with a run link"));
    if (job.status() == JobStatus.PLANNED) {
      throw new IllegalArgumentException("createIfAbsent needs a started job, not planned");
    }
    synchronized (lock) {
      String existing = byRun.get(runIndex(job.printerId(), run.runKey()));
      if (existing != null) {
        return StoreResult.existing(stored(existing));
      }
      String open = openByPrinter.get(job.printerId());
      if (open != null && job.status().isOpen()) {
        return StoreResult.openConflict(stored(open));
      }
      if (byId.containsKey(job.id())) {
        throw new IllegalArgumentException("job id " + job.id() + " is already taken");
      }
      Job stored = job.toBuilder().version(1).build();
      put(stored);
      byRun.put(runIndex(job.printerId(), run.runKey()), stored.id());
      if (stored.status().isOpen()) {
        openByPrinter.put(job.printerId(), stored.id());
      }
      return StoreResult.created(stored);
    }
  }

  @Override
  public Job insert(Job job) {
    Objects.requireNonNull(job, "job");
    if (job.run().isPresent()) {
      throw new IllegalArgumentException("insert takes manual jobs without a run link");
    }
    synchronized (lock) {
      if (byId.containsKey(job.id())) {
        throw new IllegalArgumentException("job id " + job.id() + " is already taken");
      }
      Job stored = job.toBuilder().version(1).build();
      put(stored);
      return stored;
    }
  }

  @Override
  public StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    Objects.requireNonNull(link, "link");
    if (!tracking.status().isOpen()) {
      throw new IllegalArgumentException("adoption opens a job; tracking must be running/paused");
    }
    synchronized (lock) {
      Job job = byId.get(jobId);
      if (job == null || job.run().isPresent() || job.status() != JobStatus.PLANNED) {
        return StoreResult.rejected();
      }
      String existing = byRun.get(runIndex(job.printerId(), link.runKey()));
      if (existing != null) {
        return StoreResult.existing(stored(existing));
      }
      String open = openByPrinter.get(job.printerId());
      if (open != null) {
        return StoreResult.openConflict(stored(open));
      }
      Job stored = job.toBuilder().run(link).tracking(tracking).version(job.version() + 1).build();
      put(stored);
      byRun.put(runIndex(job.printerId(), link.runKey()), jobId);
      openByPrinter.put(job.printerId(), jobId);
      return StoreResult.adopted(stored);
    }
  }

  @Override
  public Optional<Job> updateTracking(String jobId, Tracking tracking) {
    Objects.requireNonNull(tracking, "tracking");
    synchronized (lock) {
      Job job = byId.get(jobId);
      if (job == null) {
        return Optional.empty();
      }
      if (job.status().isClosed() || job.tracking().equals(tracking)) {
        return Optional.of(job);
      }
      if (tracking.status().isOpen() && job.run().isEmpty()) {
        throw new IllegalArgumentException("a job without a run link cannot be opened");
      }
      if (tracking.status() == JobStatus.PLANNED && job.status() != JobStatus.PLANNED) {
        throw new IllegalArgumentException("a started job cannot go back to planned");
      }
      String open = openByPrinter.get(job.printerId());
      if (tracking.status().isOpen() && open != null && !open.equals(jobId)) {
        throw new IllegalStateException("printer " + job.printerId() + " already has open job "
            + open);
      }
      Job stored = job.toBuilder().tracking(tracking).version(job.version() + 1).build();
      put(stored);
      if (tracking.status().isOpen()) {
        openByPrinter.put(job.printerId(), jobId);
      } else if (jobId.equals(open)) {
        openByPrinter.remove(job.printerId());
      }
      return Optional.of(stored);
    }
  }

  @Override
  public Optional<Job> updateBusiness(String jobId, BusinessFields business) {
    Objects.requireNonNull(business, "business");
    return change(jobId, b -> b.business(business));
  }

  @Override
  public Optional<Job> updatePrintFile(String jobId, PrintFile printFile) {
    Objects.requireNonNull(printFile, "printFile");
    return change(jobId, b -> b.printFile(printFile));
  }

  @Override
  public boolean updateThumbnail(String jobId, Thumbnail thumbnail) {
    Objects.requireNonNull(thumbnail, "thumbnail");
    synchronized (lock) {
      if (!byId.containsKey(jobId)) {
        return false;
      }
      thumbnails.put(jobId, thumbnail);
      return true;
    }
  }

  @Override
  public Optional<Thumbnail> thumbnail(String jobId) {
    synchronized (lock) {
      return Optional.ofNullable(thumbnails.get(jobId));
    }
  }

  @Override
  public Optional<Job> updateCost(String jobId, JobCost cost) {
    Objects.requireNonNull(cost, "cost");
    return change(jobId, b -> b.cost(cost));
  }

  /** Stores a changed copy of a job with the next version; empty when there is no such job. */
  private Optional<Job> change(String jobId, UnaryOperator<Job.Builder> how) {
    synchronized (lock) {
      Job job = byId.get(jobId);
      if (job == null) {
        return Optional.empty();
      }
      Job stored = how.apply(job.toBuilder()).version(job.version() + 1).build();
      put(stored);
      return Optional.of(stored);
    }
  }

  @Override
  public Optional<Job> get(String jobId) {
    synchronized (lock) {
      return Optional.ofNullable(byId.get(jobId));
    }
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    synchronized (lock) {
      String id = openByPrinter.get(printer);
      return id == null ? Optional.empty() : Optional.of(stored(id));
    }
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    synchronized (lock) {
      String id = byRun.get(runIndex(printer, runKey));
      return id == null ? Optional.empty() : Optional.of(stored(id));
    }
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to) {
    List<Job> out = new ArrayList<>();
    synchronized (lock) {
      for (String id : plannedIds) {
        Job j = stored(id);
        if (j.printerId().equals(printer)
            && normalizedFile.equals(j.normalizedFile().orElse(null))
            && !j.createdAt().isBefore(from) && !j.createdAt().isAfter(to)) {
          out.add(j);
        }
      }
    }
    out.sort(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
    return out;
  }

  @Override
  public List<Job> query(JobQuery query) {
    List<Job> all = matching(query);
    int from = Math.min(query.offset(), all.size());
    int to = Math.min(from + query.limit(), all.size());
    return List.copyOf(all.subList(from, to));
  }

  /** A snapshot of the matching jobs, newest first, taken at once under the lock. */
  @Override
  public Iterator<Job> scan(JobQuery filter) {
    return Collections.unmodifiableList(matching(filter)).iterator();
  }

  /** The jobs matching a filter, newest first (creation, then id), copied under the lock. */
  private List<Job> matching(JobQuery filter) {
    List<Job> all = new ArrayList<>();
    synchronized (lock) {
      for (Job j : byId.values()) {
        if (filter.matches(j)) {
          all.add(j);
        }
      }
    }
    all.sort(Comparator.comparing(Job::createdAt).reversed()
        .thenComparing(Comparator.comparing(Job::id).reversed()));
    return all;
  }

  /** Adds up a snapshot of the jobs, taken under the lock; the sum runs outside it. */
  @Override
  public JobStatistics statistics(StatisticsQuery query) {
    List<Job> snapshot;
    synchronized (lock) {
      snapshot = new ArrayList<>(byId.values());
    }
    StatisticsCollector c = new StatisticsCollector(query);
    snapshot.forEach(c::add);
    return c.result();
  }

  @Override
  public long count(JobQuery query) {
    synchronized (lock) {
      return byId.values().stream().filter(query::matches).count();
    }
  }

  /** Stores a job and keeps the planned-job index in step; call with the lock held. */
  private void put(Job stored) {
    Job before = byId.put(stored.id(), stored);
    outbox.onChange(before, stored);
    if (stored.run().isEmpty() && stored.status() == JobStatus.PLANNED) {
      plannedIds.add(stored.id());
    } else {
      plannedIds.remove(stored.id());
    }
  }

  @Override
  public boolean delete(String jobId) {
    synchronized (lock) {
      thumbnails.remove(jobId);
      Job job = byId.remove(jobId);
      if (job == null) {
        return false;
      }
      plannedIds.remove(jobId);
      job.run().ifPresent(r -> byRun.remove(runIndex(job.printerId(), r.runKey())));
      openByPrinter.remove(job.printerId(), jobId);
      return true;
    }
  }

  /**
   * @return the number of stored jobs
   * @since 0.1
   */
  public int size() {
    synchronized (lock) {
      return byId.size();
    }
  }

  @Override
  public String toString() {
    return "InMemoryJobStore{" + size() + " jobs}";
  }

  /** The job under an id taken from one of the indexes, which always name stored jobs. */
  private Job stored(String id) {
    Job j = byId.get(id);
    if (j == null) {
      throw new IllegalStateException("index names job " + id + ", which is not stored");
    }
    return j;
  }
}
