package dev.printernizer.testkit.property;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A generator of values of type {@code T}, drawing from {@link Choices}. Generators shrink
 * automatically: whatever they build from fewer and smaller draws counts as simpler.
 *
 * <pre>{@code
 * Gen<String> names = Gens.fileNames();
 * Gen<List<Integer>> lists = Gens.lists(Gens.integers(0, 100), 0, 20);
 * Gen<Integer> evens = Gens.integers(0, 1000).filter(i -> i % 2 == 0);
 * }</pre>
 *
 * @param <T> the value type
 * @since 0.1
 */
@FunctionalInterface
public interface Gen<T> {
  /**
   * Generates one value.
   *
   * @param choices the source of numbers
   * @return the value
   * @since 0.1
   */
  T generate(Choices choices);

  /**
   * @param f the mapping
   * @param <R> the new type
   * @return a generator of mapped values
   * @since 0.1
   */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    Objects.requireNonNull(f, "f");
    return c -> f.apply(generate(c));
  }

  /**
   * @param f a function choosing the next generator from a value
   * @param <R> the new type
   * @return a generator of dependent values
   * @since 0.1
   */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    Objects.requireNonNull(f, "f");
    return c -> f.apply(generate(c)).generate(c);
  }

  /**
   * Keeps only values that pass; tries up to 1,000 times per value.
   *
   * @param p the filter
   * @return the filtered generator
   * @throws IllegalStateException at generation time when the filter rejects too much
   * @since 0.1
   */
  default Gen<T> filter(Predicate<? super T> p) {
    Objects.requireNonNull(p, "p");
    return c -> {
      for (int i = 0; i < 1000; i++) {
        T v = generate(c);
        if (p.test(v)) {
          return v;
        }
      }
      throw new IllegalStateException("filter rejected 1000 values in a row; generate valid"
          + " values directly instead of filtering");
    };
  }
}
