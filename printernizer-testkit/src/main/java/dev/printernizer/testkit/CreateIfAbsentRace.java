package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.PrinterId;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.spi.StoreResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Rounds of a race on {@link JobStore#createIfAbsent}: in every round the same few threads, let
 * go together by a barrier, each try to create a job for one fresh run key on one fresh printer
 * ({@code race-<round>} for both), so rounds never interfere. A store that checks, then puts,
 * without holding others off in between loses such a race only now and then; many rounds catch
 * it. Bounded both in rounds and in wall time.
 *
 * <p>After each round: exactly one answer is CREATED, the others EXISTING or OPEN_CONFLICT, and
 * every answer names that job. After the last: the store holds exactly one job per round. A
     violation fails with
 * {@code createIfAbsent is not atomic: N jobs for run key K}.
 */
final class CreateIfAbsentRace {
  private final JobStore store;
  private final int threads;
  private final BiFunction<PrinterId, String, Job> newJob;
  private final StoreResult[] answers;
  private final AtomicReference<String> violation = new AtomicReference<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private volatile boolean stop;
  private volatile int round = -1;
  private volatile Job @Nullable [] jobs;

  private CreateIfAbsentRace(JobStore store, int threads,
      BiFunction<PrinterId, String, Job> newJob) {
    this.store = store;
    this.threads = threads;
    this.newJob = newJob;
    this.answers = new StoreResult[threads];
  }

  /**
   * Runs rounds until {@code maxRounds} or {@code maxTime}, whichever comes first, or the first
   * violation, and fails the test on a violation.
   *
   * @param store the store under test, fresh
   * @param threads callers per round, 2 or more
   * @param maxRounds at most this many rounds
   * @param maxTime at most about this long (a round started is finished)
   * @param newJob an open job for a printer and run key
   * @return how many rounds ran
   * @throws Exception when a caller fails or hangs
   */
  static int run(JobStore store, int threads, int maxRounds, Duration maxTime,
      BiFunction<PrinterId, String, Job> newJob) throws Exception {
    CreateIfAbsentRace race = new CreateIfAbsentRace(store, threads, newJob);
    long deadline = System.nanoTime() + maxTime.toNanos();
    CyclicBarrier barrier = new CyclicBarrier(threads,
        () -> race.betweenRounds(maxRounds, deadline));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        callers.add(pool.submit(() -> race.call(barrier, me)));
      }
      for (Future<?> f : callers) {
        f.get(maxTime.toMillis() + 120_000, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } finally {
      pool.shutdownNow();
    }
    if (race.error.get() != null) {
      throw new AssertionError("createIfAbsent failed in round " + race.round + ": "
          + race.error.get(), race.error.get());
    }
    int rounds = race.round + 1;
    if (race.violation.get() == null && store.count(JobQuery.all()) != rounds) {
      for (int r = 0; r < rounds && race.violation.get() == null; r++) {
        race.checkStored(r);
      }
    }
    if (race.violation.get() != null) {
      fail(race.violation.get());
    }
    return rounds;
  }

  /** One caller: waits for each round, then races for its run key. */
  private Void call(CyclicBarrier barrier, int me) throws Exception {
    while (true) {
      barrier.await(120, TimeUnit.SECONDS);
      if (stop) {
        return null;
      }
      try {
        answers[me] = store.createIfAbsent(Objects.requireNonNull(jobs, "a round's jobs")[me]);
      } catch (RuntimeException e) {
        error.compareAndSet(null, e);
      }
    }
  }

  /** Runs alone while every caller waits: checks the round just run, prepares the next. */
  private void betweenRounds(int maxRounds, long deadline) {
    try {
      nextRound(maxRounds, deadline);
    } catch (RuntimeException e) {
      error.compareAndSet(null, e);
      stop = true;
    }
  }

  // only the coordinating thread (the barrier action) writes round; callers read it
  @SuppressWarnings("NonAtomicVolatileUpdate")
  private void nextRound(int maxRounds, long deadline) {
    if (round >= 0 && error.get() == null) {
      checkAnswers();
    }
    if (error.get() != null || violation.get() != null || round + 1 >= maxRounds
        || (round >= 0 && System.nanoTime() - deadline > 0)) {
      stop = true;
      return;
    }
    round++;
    Job[] next = new Job[threads];
    for (int t = 0; t < threads; t++) {
      next[t] = newJob.apply(PrinterId.of(key(round)), key(round));
    }
    jobs = next;
  }

  private void checkAnswers() {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    long named = Arrays.stream(answers).map(a -> a.requireJob().id()).distinct().count();
    for (StoreResult a : answers) {
      outcomes.merge(a.outcome(), 1, Integer::sum);
    }
    int lost = outcomes.getOrDefault(Outcome.EXISTING, 0)
        + outcomes.getOrDefault(Outcome.OPEN_CONFLICT, 0);
    if (named > 1 || outcomes.getOrDefault(Outcome.CREATED, 0) != 1 || lost != threads - 1) {
      long stored = store.count(JobQuery.all().withPrinter(PrinterId.of(key(round))));
      violation.set(named > 1 || stored > 1
          ? notAtomic(Math.max(named, stored), key(round))
          : "createIfAbsent: " + threads + " callers racing for run key " + key(round)
              + " must get one CREATED and EXISTING or OPEN_CONFLICT naming that job, got "
              + outcomes);
    }
  }

  private void checkStored(int r) {
    long stored = store.count(JobQuery.all().withPrinter(PrinterId.of(key(r))));
    if (stored != 1) {
      violation.set(stored > 1 ? notAtomic(stored, key(r))
          : "createIfAbsent answered CREATED but the store holds " + stored
              + " jobs for run key " + key(r));
    }
  }

  private static String notAtomic(long jobs, String runKey) {
    return "createIfAbsent is not atomic: " + jobs + " jobs for run key " + runKey;
  }

  private static String key(int round) {
    return "race-" + round;
  }
}
