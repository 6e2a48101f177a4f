package dev.printernizer.internal.accounting;

import dev.printernizer.accounting.CostCalculator;
import dev.printernizer.accounting.CostSettings;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.PrinterId;
import dev.printernizer.spi.JobStore;
import dev.printernizer.time.EngineClock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a closed job's cost: when it closes, and again when its print file description
 * arrives later (with the rates already recorded, so history keeps its prices). Runs on the
 * driver executor, never on an engine lane; reads the job fresh from the store, so concurrent
 * requests for one job run one after another and the last one sees the latest job. A store
 * failure is retried after 10 s, 1 min and 5 min. A store without cost support is noticed once.
 *
 * <p>Thread-safe.
 */
public final class CostRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CostRecorder.class);
  /** The pauses before the second, third and fourth attempt. */
  static final List<Duration> RETRIES = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
      Duration.ofMinutes(5));

  private final EngineClock clock;
  private final Executor executor;
  private final JobStore store;
  private final CostSettings settings;
  private final Function<PrinterId, @Nullable Double> power;
  /** Jobs being costed: false = running, true = run again after. */
  private final ConcurrentHashMap<String, Boolean> pending = new ConcurrentHashMap<>();
  private volatile boolean storeUnsupported;
  private volatile boolean closed;

  /**
   * @param clock the engine clock
   * @param executor where the store is called (the driver executor)
   * @param store the job store
   * @param settings the live prices
   * @param power a printer's configured power in watts, or null
   */
  public CostRecorder(EngineClock clock, Executor executor, JobStore store, CostSettings settings,
      Function<PrinterId, @Nullable Double> power) {
    this.clock = clock;
    this.executor = executor;
    this.store = store;
    this.settings = settings;
    this.power = power;
  }

  /**
   * Records or completes the cost of a job, if it is closed.
   *
   * @param job the job as the caller knows it
   */
  public void request(Job job) {
    if (closed || storeUnsupported || !job.status().isClosed()) {
      return;
    }
    boolean[] first = {false};
    pending.compute(job.id(), (k, v) -> {
      first[0] = v == null;
      return v == null ? Boolean.FALSE : Boolean.TRUE;
    });
    if (first[0]) {
      submit(job.id(), 0);
    }
  }

  /**
   * Recomputes a closed job's cost with today's rates, on the caller's thread.
   *
   * @param jobId the job
   * @return the job as stored afterwards (unchanged when nothing could be priced); empty if it
   *     does not exist
   * @throws IllegalStateException if the job is not closed
   * @throws UnsupportedOperationException if the store does not keep costs
   */
  public Optional<Job> recompute(String jobId) {
    Optional<Job> found = store.get(jobId);
    if (found.isEmpty()) {
      return found;
    }
    Job job = found.get();
    if (!job.status().isClosed()) {
      throw new IllegalStateException("job " + jobId + " is " + job.status()
          + "; its cost is computed when it closes");
    }
    Optional<JobCost> cost = CostCalculator.compute(job, currentRates(job.printerId()), now());
    if (cost.isEmpty()) {
      return found;
    }
    return store.updateCost(jobId, cost.get());
  }

  /** Stops: running work finishes, nothing new starts. */
  public void close() {
    closed = true;
  }

  /** @return how many jobs are being costed or wait for a retry */
  public int pending() {
    return pending.size();
  }

  private CostRates currentRates(PrinterId printer) {
    return settings.rates(printer, power.apply(printer));
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void submit(String jobId, int attempt) {
    try {
      executor.execute(() -> attempt(jobId, attempt));
    } catch (RejectedExecutionException e) {
      retryLater(jobId, attempt, "the driver executor is full");
    }
  }

  private void attempt(String jobId, int attempt) {
    if (closed) {
      pending.remove(jobId);
      return;
    }
    try {
      record(jobId);
    } catch (UnsupportedOperationException e) {
      storeUnsupported = true;
      pending.remove(jobId);
      LOG.info("the job store does not keep job costs ({}); jobs are kept without them",
          e.getMessage());
      return;
    } catch (RuntimeException e) {
      retryLater(jobId, attempt, e.toString());
      return;
    }
    finish(jobId);
  }

  private void record(String jobId) {
    Job job = store.get(jobId).orElse(null);
    if (job == null || !job.status().isClosed()) {
      return;
    }
    JobCost before = job.cost().orElse(null);
    CostRates rates = before != null ? before.rates() : currentRates(job.printerId());
    Optional<JobCost> cost = CostCalculator.compute(job, rates, now());
    if (cost.isPresent() && (before == null || !cost.get().sameFigures(before))) {
      store.updateCost(jobId, cost.get());
      LOG.debug("{}: job {} cost {} {}", job.printerId(), jobId, cost.get().total(),
          cost.get().currency());
    }
  }

  /** Ends a run for a job; runs again when a request came in meanwhile. */
  private void finish(String jobId) {
    Boolean again = pending.compute(jobId, (k, v) -> Boolean.TRUE.equals(v) ? Boolean.FALSE
        : null);
    if (again != null) {
      submit(jobId, 0);
    }
  }

  private void retryLater(String jobId, int attempt, String why) {
    if (closed || attempt >= RETRIES.size()) {
      pending.remove(jobId);
      LOG.warn("gave up recording the cost of job {} for now ({}); recompute it to try again",
          jobId, why);
      return;
    }
    LOG.debug("cost of job {}: {}; trying again in {}", jobId, why, RETRIES.get(attempt));
    clock.schedule(RETRIES.get(attempt), () -> submit(jobId, attempt + 1));
  }
}
