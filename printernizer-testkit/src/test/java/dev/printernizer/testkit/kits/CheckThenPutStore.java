package dev.printernizer.testkit.kits;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A store that keeps every rule of the contract except one: {@code createIfAbsent} looks for the
 * run key and the printer's open job, then puts the new job, with no lock around the two. Two
 * callers racing on one run key can both find nothing and both put a job, the bug the kit's
 * round-after-round race must catch (a single race catches it only now and then). Every other
 * operation holds the store's lock.
 */
final class CheckThenPutStore implements JobStore {
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  @Override
  public StoreResult createIfAbsent(Job job) {
    RunLink run = job.run().orElseThrow(() -> new IllegalArgumentException("needs a run link"));
    if (job.status() == JobStatus.PLANNED) {
      throw new IllegalArgumentException("needs a started job");
    }
    Optional<Job> existing = findByRunKey(job.printerId(), run.runKey()); // check ...
    if (existing.isPresent()) {
      return StoreResult.existing(existing.get());
    }
    Optional<Job> open = findOpenJob(job.printerId());
    if (open.isPresent() && job.status().isOpen()) {
      return StoreResult.openConflict(open.get());
    }
    // the bug under test: nothing holds the others off between check and put. A store that
    // does a round trip here (a database) leaves others this much time to check too; without it
    // the window is a few instructions wide and a busy machine's scheduling may close it (the
    // kit then missed the bug in a CI run)
    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    Job stored = job.toBuilder().version(1).build();
    if (jobs.putIfAbsent(job.id(), stored) != null) { // ... then put
      throw new IllegalArgumentException("job id " + job.id() + " is already taken");
    }
    return StoreResult.created(stored);
  }

  @Override
  public synchronized Job insert(Job job) {
    if (job.run().isPresent()) {
      throw new IllegalArgumentException("insert takes manual jobs without a run link");
    }
    Job stored = job.toBuilder().version(1).build();
    if (jobs.putIfAbsent(job.id(), stored) != null) {
      throw new IllegalArgumentException("job id " + job.id() + " is already taken");
    }
    return stored;
  }

  @Override
  public synchronized StoreResult adopt(String jobId, RunLink link, Tracking tracking) {
    Job job = jobs.get(jobId);
    if (job == null || job.run().isPresent() || job.status() != JobStatus.PLANNED) {
      return StoreResult.rejected();
    }
    Optional<Job> existing = findByRunKey(job.printerId(), link.runKey());
    if (existing.isPresent()) {
      return StoreResult.existing(existing.get());
    }
    Optional<Job> open = findOpenJob(job.printerId());
    if (open.isPresent()) {
      return StoreResult.openConflict(open.get());
    }
    Job adopted = job.toBuilder().run(link).tracking(tracking).version(job.version() + 1).build();
    jobs.put(jobId, adopted);
    return StoreResult.adopted(adopted);
  }

  @Override
  public synchronized Optional<Job> updateTracking(String jobId, Tracking tracking) {
    Job job = jobs.get(jobId);
    if (job == null || job.status().isClosed() || job.tracking().equals(tracking)) {
      return Optional.ofNullable(job);
    }
    if (tracking.status().isOpen() && job.run().isEmpty()) {
      throw new IllegalArgumentException("a job without a run link cannot be opened");
    }
    if (tracking.status() == JobStatus.PLANNED) {
      throw new IllegalArgumentException("a started job cannot go back to planned");
    }
    Optional<Job> open = findOpenJob(job.printerId());
    if (tracking.status().isOpen() && open.isPresent() && !open.get().id().equals(jobId)) {
      throw new IllegalStateException("printer " + job.printerId() + " has another open job");
    }
    Job stored = job.toBuilder().tracking(tracking).version(job.version() + 1).build();
    jobs.put(jobId, stored);
    return Optional.of(stored);
  }

  @Override
  public synchronized Optional<Job> updateBusiness(String jobId, BusinessFields business) {
    return Optional.ofNullable(jobs.computeIfPresent(jobId,
        (id, j) -> j.toBuilder().business(business).version(j.version() + 1).build()));
  }

  @Override
  public synchronized boolean delete(String jobId) {
    return jobs.remove(jobId) != null;
  }

  @Override
  public Optional<Job> get(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public Optional<Job> findOpenJob(PrinterId printer) {
    return first(j -> j.printerId().equals(printer) && j.status().isOpen());
  }

  @Override
  public Optional<Job> findByRunKey(PrinterId printer, String runKey) {
    return first(j -> j.printerId().equals(printer)
        && j.run().map(r -> r.runKey().equals(runKey)).orElse(false));
  }

  @Override
  public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile, Instant from,
      Instant to) {
    return jobs.values().stream().filter(j -> j.printerId().equals(printer)
            && j.run().isEmpty() && j.status() == JobStatus.PLANNED
            && normalizedFile.equals(j.normalizedFile().orElse(null))
            && !j.createdAt().isBefore(from) && !j.createdAt().isAfter(to))
        .sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id)).toList();
  }

  @Override
  public List<Job> query(JobQuery query) {
    return jobs.values().stream().filter(query::matches)
        .sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed())
        .skip(query.offset()).limit(query.limit()).toList();
  }

  @Override
  public long count(JobQuery query) {
    return jobs.values().stream().filter(query::matches).count();
  }

  private Optional<Job> first(Predicate<Job> p) {
    return jobs.values().stream().filter(p).min(Comparator.comparing(Job::id));
  }
}
