package dev.printernizer.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The stream of numbers every generator draws from. In a fresh run the numbers come from a
 * seeded random source; when shrinking they are replayed from an edited recording (missing
 * entries read as 0). Every draw is recorded, so any value built from draws can be shrunk by
 * shrinking the recording: shorter streams and smaller numbers make simpler values.
 *
 * <p>Not thread-safe: one stream per generated case.
 *
 * @since 0.1
 */
public final class Choices {
  /** Draws allowed per case, so a runaway generator fails instead of hanging. */
  static final int MAX_DRAWS = 200_000;

  private final @Nullable SplittableRandom random;
  private final long @Nullable [] replay;
  private final List<Long> recorded = new ArrayList<>();

  private Choices(@Nullable SplittableRandom random, long @Nullable [] replay) {
    this.random = random;
    this.replay = replay;
  }

  static Choices random(long seed) {
    return new Choices(new SplittableRandom(seed), null);
  }

  static Choices replay(long[] values) {
    return new Choices(null, values);
  }

  /**
   * Draws a number in {@code [0, bound)}.
   *
   * @param bound exclusive upper bound, at least 1
   * @return the number
   * @since 0.1
   */
  public long draw(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be >= 1, was " + bound);
    }
    int i = recorded.size();
    if (i >= MAX_DRAWS) {
      throw new GenerationLimitException("a generator drew more than " + MAX_DRAWS + " values");
    }
    long v;
    if (random != null) { // a fresh run; else a replay of recorded numbers
      v = random.nextLong(bound);
    } else {
      v = replay != null && i < replay.length ? Math.floorMod(replay[i], bound) : 0;
    }
    recorded.add(v);
    return v;
  }

  /**
   * Draws a number in {@code [0, bound)}, in a fresh run choosing one of {@code preferred} one
   * time in ten. The preference only biases sampling: the result is recorded like any other
   * number, so it shrinks like one.
   *
   * @param bound exclusive upper bound, at least 1
   * @param preferred values to favour (those outside the range are ignored)
   * @return the number
   * @since 0.1
   */
  public long drawPreferring(long bound, long... preferred) {
    if (random != null && preferred.length > 0 && random.nextInt(10) == 0) {
      long p = preferred[random.nextInt(preferred.length)];
      if (p >= 0 && p < bound) {
        if (recorded.size() >= MAX_DRAWS) {
          throw new GenerationLimitException("a generator drew more than " + MAX_DRAWS
              + " values");
        }
        recorded.add(p);
        return p;
      }
    }
    return draw(bound);
  }

  /**
   * @param percent chance of true, 0-100
   * @return a biased coin flip; shrinks toward false
   * @since 0.1
   */
  public boolean chance(int percent) {
    return draw(100) >= 100 - percent;
  }

  /** @return how many numbers were drawn so far (a position in the recording) */
  int position() {
    return recorded.size();
  }

  long[] recording() {
    long[] out = new long[recorded.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = recorded.get(i);
    }
    return out;
  }

  /** A generator used more draws than allowed. */
  static final class GenerationLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GenerationLimitException(String message) {
      super(message);
    }
  }
}
