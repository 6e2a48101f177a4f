package dev.printernizer.testkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Detection;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import dev.printernizer.testkit.property.Gens;
import dev.printernizer.testkit.property.PropertyCheck;
import dev.printernizer.testkit.property.PropertyFailure;
import dev.printernizer.testkit.property.Seed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A harness that can never fail is worth nothing: these prove it catches and shrinks bugs. */
class HarnessCatchesBugsTest {

  /** A store with the classic bug: it forgets open jobs, so a restart looks like a new print. */
  static final class AmnesicStore extends ForwardingJobStore {
    AmnesicStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public Optional<Job> findOpenJob(PrinterId printer) {
      return Optional.empty();
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      StoreResult r = super.createIfAbsent(job);
      if (r.outcome() == StoreResult.Outcome.EXISTING
          || r.outcome() == StoreResult.Outcome.OPEN_CONFLICT) {
        Job copy = Job.builder(job.id(), job.printerId(), job.name(), job.createdAt())
            .fileName(job.fileName().orElse(null)).autoCreated(true)
            .run(job.run().orElseThrow()).tracking(job.tracking().closed(
                dev.printernizer.api.JobStatus.INTERRUPTED, job.createdAt(), "bug"))
            .build();
        return StoreResult.created(copy); // claims to create but answers a wrong job
      }
      return r;
    }
  }

  /**
   * Cannot list a printer's jobs and files each imported past print under a key of its own:
   * neither the engine's memory of the printer's job ids nor the run key stops the next connect
   * from importing the same past prints again.
   */
  static final class ReimportingStore extends ForwardingJobStore {
    private int imports;

    ReimportingStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public java.util.Iterator<Job> scan(dev.printernizer.api.JobQuery filter) {
      return java.util.Collections.emptyIterator();
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      RunLink l = job.run().orElse(null);
      if (l == null || l.detection() != Detection.BACKFILL) {
        return super.createIfAbsent(job);
      }
      return super.createIfAbsent(job.toBuilder().run(new RunLink(l.runKey() + "#" + ++imports,
          l.printerJobId(), l.detection(), l.discoveryTime(), l.printerStartTime())).build());
    }
  }

  /** Records every imported past print as completed, whatever the printer's history said. */
  static final class RosyHistoryStore extends ForwardingJobStore {
    RosyHistoryStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      boolean past = job.run().map(r -> r.detection() == Detection.BACKFILL).orElse(false);
      if (!past || job.status() == JobStatus.COMPLETED) {
        return super.createIfAbsent(job);
      }
      Tracking t = job.tracking();
      return super.createIfAbsent(Job.builder(job.id(), job.printerId(), job.name(),
          job.createdAt()).fileName(job.fileName().orElse(null))
          .normalizedFile(job.normalizedFile().orElse(null)).autoCreated(true)
          .run(job.run().orElseThrow()).tracking(Tracking.started(JobStatus.RUNNING,
              t.startTime().orElseThrow()).closed(JobStatus.COMPLETED, t.endTime().orElseThrow(),
              null)).build());
    }
  }

  /** Never offers a manual job for adoption: the print gets a duplicate auto-created job. */
  static final class NoAdoptionStore extends ForwardingJobStore {
    NoAdoptionStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public List<Job> findAdoptionCandidates(PrinterId printer, String normalizedFile,
        java.time.Instant from, java.time.Instant to) {
      return List.of();
    }
  }

  /** Forgets the detection: every job is stored as seen live, none as found on startup. */
  static final class NoStartupFlagStore extends ForwardingJobStore {
    NoStartupFlagStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public StoreResult createIfAbsent(Job job) {
      RunLink l = job.run().orElseThrow();
      return super.createIfAbsent(job.toBuilder().run(new RunLink(l.runKey(), l.printerJobId(),
          Detection.LIVE, l.discoveryTime(), l.printerStartTime())).build());
    }
  }

  /** Records an interrupted job as completed: an outcome by guess. */
  static final class OptimisticStore extends ForwardingJobStore {
    OptimisticStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public Optional<Job> updateTracking(String jobId, Tracking tracking) {
      Tracking t = tracking;
      if (t.status() == JobStatus.INTERRUPTED) {
        t = Tracking.of(JobStatus.COMPLETED, t.startTime().orElse(null),
            t.endTime().orElse(null), 100.0, null, null, null, t.pauseCount(), t.pausedTotal(),
            t.gaps(), null);
      }
      return super.updateTracking(jobId, t);
    }
  }

  /** Links a description to the job created before the one it was read for. */
  static final class PrintFileMixingStore extends ForwardingJobStore {
    private String previous;
    private String last;

    PrintFileMixingStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public synchronized StoreResult createIfAbsent(Job job) {
      StoreResult r = super.createIfAbsent(job);
      if (r.outcome() == StoreResult.Outcome.CREATED) {
        previous = last;
        last = job.id();
      }
      return r;
    }

    @Override
    public synchronized Optional<Job> updatePrintFile(String jobId,
        dev.printernizer.api.PrintFile f) {
      String target = jobId.equals(last) && previous != null ? previous : jobId;
      super.updatePrintFile(target, f);
      return get(jobId);
    }
  }

  @Test
  void theModelCatchesADescriptionLinkedToAnotherJob() {
    String mixed = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(PrintFileMixingStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(mixed.contains("print file: job"), mixed);
  }

  @Test
  void theNewInvariantsCatchBrokenAdoptionStartupFlagAndGuessedOutcomes() {
    String adoption = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(NoAdoptionStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(adoption.contains("adoption:"), adoption);
    String flag = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(NoStartupFlagStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(flag.contains("startup flag:"), flag);
    String outcome = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(OptimisticStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(outcome.contains("outcome:") || outcome.contains("but its job was closed"),
        outcome);
  }

  @Test
  void theModelCatchesBackfillThatImportsAPrintTwiceOrLiesAboutItsOutcome() {
    String twice = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(ReimportingStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(twice.contains("should have exactly one job, has 2"), twice);
    String rosy = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .against(RosyHistoryStore::new).sequences(2000).seed(3L).check()).getMessage();
    assertTrue(rosy.contains("outcome: run #") && rosy.contains("COMPLETED"), rosy);
  }

  @Test
  void theRealExecutorVariantCatchesABrokenStoreToo() {
    PropertyFailure f = assertThrows(PropertyFailure.class, () -> PrinterWorldCheck
        .onRealExecutors(AmnesicStore::new).sequences(500).seed(1L).check());
    assertTrue(f.getMessage().contains("real executors"), f.getMessage());
  }

  @Test
  void theModelCatchesABrokenStoreAndShrinksItToAFewSteps() {
    PropertyFailure f = assertThrows(PropertyFailure.class,
        () -> PrinterWorldCheck.against(AmnesicStore::new).sequences(2000).seed(1L).check());
    String report = f.getMessage();
    assertTrue(report.contains("Replay: -Dprinternizer.testkit.seed=1"), report);
    assertTrue(report.contains("invariant"), report);
    long steps = f.example().lines().filter(l -> l.matches("\\s+\\d+\\. .*")).count();
    assertTrue(steps <= 6, "expected a short minimal sequence, got:\n" + report);
    assertTrue(report.contains("expected (model)") && report.contains("actual (store)"), report);
  }

  @Test
  void aPlainPropertyShrinksToTheBoundary() {
    PropertyFailure f = assertThrows(PropertyFailure.class, () -> PropertyCheck
        .forAll(Gens.lists(Gens.integers(0, 1000), 0, 50))
        .named("sums stay below 500").seed(99L).cases(500)
        .check(list -> assertTrue(list.stream().mapToInt(i -> i).sum() < 500)));
    assertEquals("  [500]", f.example(), f.getMessage());
  }

  @Test
  void sameSeedSameFailure() {
    PropertyFailure a = assertThrows(PropertyFailure.class, () -> PropertyCheck
        .forAll(Gens.fileNames()).seed(5L).cases(10_000)
        .check(n -> assertTrue(!n.startsWith("/usr/"))));
    PropertyFailure b = assertThrows(PropertyFailure.class, () -> PropertyCheck
        .forAll(Gens.fileNames()).seed(5L).cases(10_000)
        .check(n -> assertTrue(!n.startsWith("/usr/"))));
    assertEquals(a.example(), b.example());
    assertEquals(5L, a.seed());
  }

  @Test
  @Seed(777L)
  void seedAnnotationOverridesTheGivenSeed() {
    PropertyFailure f = assertThrows(PropertyFailure.class, () -> PropertyCheck
        .forAll(Gens.integers(0, 100)).seed(1L).check(i -> assertTrue(i < 50)));
    assertEquals(777L, f.seed());
    assertEquals("  50", f.example());
  }

  @Test
  void generatorsHitTheirEdges() {
    List<Long> seen = new java.util.ArrayList<>();
    PropertyCheck.forAll(Gens.tickOrigins()).seed(3L).cases(400).check(seen::add);
    assertTrue(seen.contains(Long.MAX_VALUE), "near-overflow tick origins are generated");
    assertTrue(seen.contains(0L));
  }
}
