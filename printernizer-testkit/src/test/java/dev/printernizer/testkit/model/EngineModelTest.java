package dev.printernizer.testkit.model;

import dev.printernizer.store.InMemoryJobStore;
import dev.printernizer.testkit.property.CheckResult;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The core engine against the printer-world model: fixed seeds every build (10,000 sequences in
 * all) plus one fresh seed, printed so a failure can be replayed.
 */
class EngineModelTest {
  private static final long[] FIXED_SEEDS = {20261128L, 42L, 7L, -1L, 1234567890123L};
  private static final int PER_SEED = Integer.getInteger("printernizer.model.sequences", 2000);

  @Test
  void fixedSeeds() {
    long sequences = 0;
    long steps = 0;
    long nanos = 0;
    for (long seed : FIXED_SEEDS) {
      CheckResult r = PrinterWorldCheck.against(InMemoryJobStore::new)
          .sequences(PER_SEED).seed(seed).check();
      sequences += r.cases();
      steps += r.steps();
      nanos += r.nanos();
    }
    System.out.printf("printer-world model: %d sequences, %d steps, %.1f s (fixed seeds)%n",
        sequences, steps, nanos / 1e9);
  }

  @Test
  void realExecutorsSeveralPrintersAtOnce() {
    long seed = ThreadLocalRandom.current().nextLong();
    System.out.println("printer-world model on real executors: seed " + seed
        + " (replay with -Dprinternizer.testkit.seed=" + seed + ")");
    CheckResult r = PrinterWorldCheck.onRealExecutors(InMemoryJobStore::new)
        .sequences(Math.max(1, PER_SEED / 4)).seed(seed).check();
    System.out.printf("printer-world model on real executors: %d sequences, %d steps, %.1f s%n",
        r.cases(), r.steps(), r.nanos() / 1e9);
  }

  @Test
  void freshSeed() {
    long seed = ThreadLocalRandom.current().nextLong();
    System.out.println("printer-world model: fresh seed " + seed
        + " (replay with -Dprinternizer.testkit.seed=" + seed + ")");
    CheckResult r = PrinterWorldCheck.against(InMemoryJobStore::new)
        .sequences(PER_SEED).seed(seed).check();
    System.out.printf("printer-world model: %d sequences, %d steps, %.1f s (seed %d)%n",
        r.cases(), r.steps(), r.nanos() / 1e9, r.seed());
  }
}
