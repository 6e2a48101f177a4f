package dev.printernizer.testkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.PrinterId;
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
