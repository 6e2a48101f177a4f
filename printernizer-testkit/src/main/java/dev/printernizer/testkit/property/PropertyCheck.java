package dev.printernizer.testkit.property;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a property holds for generated values, on JUnit Jupiter alone.
 *
 * <pre>{@code
 * PropertyCheck.forAll(Gens.fileNames())
 *     .named("normalizing is idempotent")
 *     .cases(1000)
 *     .check(name -> assertEquals(FileNames.normalize(name),
 *         FileNames.normalize(FileNames.normalize(name))));
 * }</pre>
 *
 * <p>The body fails by throwing (an assertion error or any exception). The first failure is
 * shrunk to a minimal value and reported with its seed; {@code -Dprinternizer.testkit.seed=N} or
 * {@link Seed @Seed(N)} on the test method replays it. Without a seed a fresh one is drawn and
 * printed in the failure report.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class PropertyCheck<T> {
  private final Gen<T> gen;
  private String name = "property";
  private int cases = 100;
  private @Nullable Long seed;
  private int shrinkRuns = 2000;

  private PropertyCheck(Gen<T> gen) {
    this.gen = gen;
  }

  /**
   * @param gen the generator
   * @param <T> value type
   * @return a check over its values
   * @since 0.1
   */
  public static <T> PropertyCheck<T> forAll(Gen<T> gen) {
    return new PropertyCheck<>(Objects.requireNonNull(gen, "gen"));
  }

  /**
   * @param name shown in reports
   * @return this
   * @since 0.1
   */
  public PropertyCheck<T> named(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * @param cases how many values to try (1-10,000,000)
   * @return this
   * @since 0.1
   */
  public PropertyCheck<T> cases(int cases) {
    if (cases < 1 || cases > 10_000_000) {
      throw new IllegalArgumentException("cases must be 1-10000000, was " + cases);
    }
    this.cases = cases;
    return this;
  }

  /**
   * @param seed a fixed seed (the system property and @Seed still win)
   * @return this
   */
  public PropertyCheck<T> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * @param runs most replays spent shrinking (default 2000)
   * @return this
   * @since 0.1
   */
  public PropertyCheck<T> shrinkRuns(int runs) {
    this.shrinkRuns = runs;
    return this;
  }

  /**
   * Runs the check.
   *
   * @param body the property; throws to fail
   * @return statistics of the run
   * @throws PropertyFailure with the shrunk example when the property fails
   * @since 0.1
   */
  public CheckResult check(Consumer<? super T> body) {
    long s = Runner.resolveSeed(seed);
    Runner.Outcome o = Runner.run(name, c -> {
      T value = gen.generate(c);
      try {
        body.accept(value);
        return null;
      } catch (RuntimeException | AssertionError e) {
        return new Runner.Failure(e, "  " + String.valueOf(value), c.recording().length);
      }
    }, cases, s, shrinkRuns);
    return new CheckResult(o.seed, o.cases, 0, o.nanos);
  }
}
