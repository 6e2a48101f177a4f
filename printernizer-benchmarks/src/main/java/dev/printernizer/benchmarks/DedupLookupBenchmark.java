package dev.printernizer.benchmarks;

import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.StoreResult;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store operations deduplication rests on, against a store already holding a job history of
 * {@code jobs} closed jobs over 10 printers: finding a run by its key, finding the open job, and
 * create-if-absent of a run that is already stored (the duplicate report that must not create a
 * second job).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DedupLookupBenchmark {

  @Param({"memory", "h2", "postgres"})
  public String store;

  @Param({"1000"})
  public int jobs;

  private Stores.Handle handle;
  private final SplittableRandom random = new SplittableRandom(42);
  private int pick;

  @Setup(Level.Trial)
  public void seed() {
    handle = Stores.open(store);
    try {
      Stores.seed(handle, jobs);
    } catch (RuntimeException e) {
      handle.close(); // no half-seeded database left behind
      throw e;
    }
  }

  @Setup(Level.Invocation)
  public void choose() {
    pick = random.nextInt(jobs);
  }

  @Benchmark
  public Optional<Job> findByRunKey() {
    Optional<Job> j = handle.store().findByRunKey(Stores.seededPrinter(pick),
        Stores.seededKey(pick));
    if (j.isEmpty()) {
      throw new IllegalStateException("seeded job " + pick + " not found");
    }
    return j;
  }

  @Benchmark
  public Optional<Job> findOpenJob() {
    return handle.store().findOpenJob(Stores.seededPrinter(pick));
  }

  @Benchmark
  public StoreResult createIfAbsentOfStoredRun() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * pick);
    PrinterId printer = Stores.seededPrinter(pick);
    Job again = Job.builder(UUID.randomUUID().toString(), printer, "dup", t)
        .fileName("dup.gcode").autoCreated(true)
        .run(new RunLink(Stores.seededKey(pick), null, Detection.LIVE, t, null))
        .tracking(Tracking.started(JobStatus.RUNNING, t)).build();
    StoreResult r = handle.store().createIfAbsent(again);
    if (r.outcome() != StoreResult.Outcome.EXISTING) {
      throw new IllegalStateException("a stored run was created again: " + r.outcome());
    }
    return r;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    handle.close();
  }
}
