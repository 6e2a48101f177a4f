package dev.printernizer.testkit.property;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Runs cases, finds a failure, shrinks its choice recording, and writes the report. */
final class Runner {
  /** System property that replays a seed. */
  static final String SEED_PROPERTY = "printernizer.testkit.seed";

  private Runner() {}

  /** One generated case: returns null when it passes, else what failed. */
  interface Case {
    @Nullable Failure run(Choices choices);
  }

  /** A failing case: the error and a description of the example (values or steps). */
  static final class Failure {
    final Throwable error;
    final String example;
    final int size;
    /** Start positions of structural units (steps) in the recording, ascending; may be empty. */
    final int[] spans;

    Failure(Throwable error, String example, int size) {
      this(error, example, size, new int[0]);
    }

    Failure(Throwable error, String example, int size, int[] spans) {
      this.error = error;
      this.example = example;
      this.size = size;
      this.spans = spans;
    }
  }

  /** The outcome of a run. */
  static final class Outcome {
    final long seed;
    final int cases;
    final long nanos;

    Outcome(long seed, int cases, long nanos) {
      this.seed = seed;
      this.cases = cases;
      this.nanos = nanos;
    }
  }

  /** Seed order: system property, then {@link Seed} on the calling test method, then given. */
  static long resolveSeed(@Nullable Long explicit) {
    String prop = System.getProperty(SEED_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      try {
        return Long.parseLong(prop.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("system property " + SEED_PROPERTY + "='" + prop
            + "' is not a long", e);
      }
    }
    Optional<Long> annotated = annotatedSeed();
    if (annotated.isPresent()) {
      return annotated.get();
    }
    return explicit != null ? explicit : ThreadLocalRandom.current().nextLong();
  }

  private static Optional<Long> annotatedSeed() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames ->
        frames.map(f -> {
          for (Method m : f.getDeclaringClass().getDeclaredMethods()) {
            if (m.getName().equals(f.getMethodName()) && m.isAnnotationPresent(Seed.class)) {
              return m.getAnnotation(Seed.class).value();
            }
          }
          return null;
        }).filter(v -> v != null).findFirst());
  }

  static long caseSeed(long runSeed, int index) {
    return new SplittableRandom(runSeed + 0x9E3779B97F4A7C15L * index).nextLong();
  }

  static Outcome run(String name, Case body, int cases, long seed, int shrinkRuns) {
    long t0 = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      Choices c = Choices.random(caseSeed(seed, i));
      Failure f;
      try {
        f = body.run(c);
      } catch (Choices.GenerationLimitException | IllegalStateException e) {
        throw new AssertionError("property '" + name + "': generation failed (seed " + seed
            + ", case " + (i + 1) + "): " + e.getMessage(), e);
      }
      if (f != null) {
        throw report(name, body, seed, i + 1, c.recording(), f, shrinkRuns);
      }
    }
    return new Outcome(seed, cases, System.nanoTime() - t0);
  }

  private static PropertyFailure report(String name, Case body, long seed, int caseNo,
      long[] recording, Failure original, int shrinkRuns) {
    Shrunk s = shrink(body, recording, original, shrinkRuns);
    StringBuilder sb = new StringBuilder();
    sb.append("Property '").append(name).append("' failed on case ").append(caseNo)
        .append(" (seed ").append(seed).append(").\n");
    sb.append("Replay: -D").append(SEED_PROPERTY).append('=').append(seed)
        .append(", or annotate the test method with @Seed(").append(seed).append("L).\n");
    sb.append("Shrunk from ").append(original.size).append(" to ").append(s.failure.size)
        .append(" (").append(s.runs).append(" shrink runs). Minimal example:\n");
    sb.append(s.failure.example);
    if (!s.failure.example.endsWith("\n")) {
      sb.append('\n');
    }
    sb.append("Failure: ").append(s.failure.error);
    return new PropertyFailure(sb.toString(), seed, s.failure.example, s.failure.error);
  }

  private static final class Shrunk {
    final Failure failure;
    final int runs;

    Shrunk(Failure failure, int runs) {
      this.failure = failure;
      this.runs = runs;
    }
  }

  /** Delete chunks, then lower values; keep any candidate that still fails and is simpler. */
  static Shrunk shrink(Case body, long[] start, Failure startFailure, int budget) {
    long[] best = start;
    Failure bestFailure = startFailure;
    int runs = 0;
    boolean improved = true;
    while (improved && runs < budget) {
      improved = false;
      // whole structural units (steps) first, last to first
      for (int u = bestFailure.spans.length - 1; u >= 0 && runs < budget; u--) {
        int[] spans = bestFailure.spans;
        if (u >= spans.length) {
          continue;
        }
        int from = spans[u];
        int to = u + 1 < spans.length ? spans[u + 1] : best.length;
        if (from >= to || to > best.length) {
          continue;
        }
        long[] cand = new long[best.length - (to - from)];
        System.arraycopy(best, 0, cand, 0, from);
        System.arraycopy(best, to, cand, from, best.length - to);
        runs++;
        Attempt a = attempt(body, cand);
        if (a != null && simpler(a.recording, best)) {
          best = a.recording;
          bestFailure = a.failure;
          improved = true;
        }
      }
      for (int k : new int[] {16, 8, 4, 2, 1}) {
        for (int i = best.length - k; i >= 0 && runs < budget; i--) {
          long[] cand = new long[best.length - k];
          System.arraycopy(best, 0, cand, 0, i);
          System.arraycopy(best, i + k, cand, i, best.length - i - k);
          runs++;
          Attempt a = attempt(body, cand);
          if (a != null && simpler(a.recording, best)) {
            best = a.recording;
            bestFailure = a.failure;
            improved = true;
            i = Math.min(i, best.length - k + 1);
          }
        }
      }
      for (int i = 0; i < best.length && runs < budget; i++) {
        if (best[i] == 0) {
          continue;
        }
        long lo = 0;
        long hi = best[i];
        while (lo < hi && runs < budget) {
          long mid = lo + (hi - lo) / 2;
          long[] cand = best.clone();
          cand[i] = mid;
          runs++;
          Attempt a = attempt(body, cand);
          if (a != null && simpler(a.recording, best)) {
            best = a.recording;
            bestFailure = a.failure;
            improved = true;
            if (i >= best.length) {
              break;
            }
            hi = best[i];
          } else {
            lo = mid + 1;
          }
        }
      }
    }
    return new Shrunk(bestFailure, runs);
  }

  private static final class Attempt {
    final long[] recording;
    final Failure failure;

    Attempt(long[] recording, Failure failure) {
      this.recording = recording;
      this.failure = failure;
    }
  }

  private static @Nullable Attempt attempt(Case body, long[] cand) {
    Choices c = Choices.replay(cand);
    try {
      Failure f = body.run(c);
      return f == null ? null : new Attempt(c.recording(), f);
    } catch (RuntimeException e) {
      return null; // the edited recording does not make a valid case
    }
  }

  private static boolean simpler(long[] a, long[] b) {
    if (a.length != b.length) {
      return a.length < b.length;
    }
    return Arrays.compare(a, b) < 0;
  }
}
