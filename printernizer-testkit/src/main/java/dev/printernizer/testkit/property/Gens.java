package dev.printernizer.testkit.property;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ready-made generators. Numbers are biased toward edge cases (bounds, zero, one off the bounds)
 * and shrink toward zero or the lower bound; lists shrink toward short; choices shrink toward the
 * first option.
 *
 * @since 0.1
 */
public final class Gens {
  private Gens() {}

  /**
   * @param value the value
   * @param <T> its type
   * @return a generator that always gives {@code value}
   * @since 0.1
   */
  public static <T> Gen<T> constant(T value) {
    return c -> value;
  }

  /**
   * Longs in {@code [min, max]}, one in ten an edge case.
   *
   * @param min lower bound
   * @param max upper bound
   * @return the generator
   * @since 0.1
   */
  public static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    long simplest = min > 0 ? min : Math.min(max, 0);
    long span = max - min + 1;
    if (span > 0) {
      // edge cases as offsets from min: bounds, one off the bounds, zero and +-1
      long zeroOff = simplest - min;
      // recorded offsets: 0 is the simplest value, then min, min+1, ... skipping it
      long[] edges = Arrays.stream(new long[] {simplest, min, max, sat(min, 1), sat(max, -1), -1,
          1}).filter(v -> v >= min && v <= max).distinct()
          .map(v -> v - min == zeroOff ? 0 : (v - min < zeroOff ? v - min + 1 : v - min))
          .toArray();
      return c -> {
        long off = c.drawPreferring(span, edges);
        // map offset 0 to the simplest value, keeping the rest a bijection
        long v = off == 0 ? zeroOff : (off <= zeroOff ? off - 1 : off);
        return min + v;
      };
    }
    return c -> { // the range covers more than half of all longs
      for (int i = 0; i < 64; i++) {
        long v = (c.draw(1L << 32) << 32) | c.draw(1L << 32);
        if (v >= min && v <= max) {
          return v;
        }
      }
      return simplest;
    };
  }

  private static long sat(long v, long d) {
    long r = v + d;
    return ((v ^ r) & (d ^ r)) < 0 ? v : r;
  }

  /**
   * @param min lower bound
   * @param max upper bound
   * @return integers in {@code [min, max]}, edge-biased
   * @since 0.1
   */
  public static Gen<Integer> integers(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /**
   * Doubles in {@code [min, max]} in steps of 1/1000 of the range, edge-biased.
   *
   * @param min lower bound
   * @param max upper bound
   * @return the generator
   * @since 0.1
   */
  public static Gen<Double> doubles(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    return longs(0, 1000).map(i -> min + (max - min) * i / 1000.0);
  }

  /**
   * @return true or false, shrinking toward false
   * @since 0.1
   */
  public static Gen<Boolean> booleans() {
    return c -> c.draw(2) == 1;
  }

  /**
   * @param options values to choose from; shrinks toward the first
   * @param <T> type
   * @return the generator
   * @since 0.1
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <T> Gen<T> elements(T... options) {
    List<T> list = List.of(options);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("elements needs at least one option");
    }
    return c -> list.get((int) c.draw(list.size()));
  }

  /**
   * @param gens generators to choose from with equal weight; shrinks toward the first
   * @param <T> type
   * @return the generator
   * @since 0.1
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = List.of(gens);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("oneOf needs at least one generator");
    }
    return c -> list.get((int) c.draw(list.size())).generate(c);
  }

  /**
   * A generator with its weight, for {@link #frequency}.
   *
   * @param weight relative weight, at least 1
   * @param gen the generator
   * @param <T> type
   * @return the pair
   * @since 0.1
   */
  public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  /**
   * Chooses a generator by weight; shrinks toward the first.
   *
   * @param options weighted generators
   * @param <T> type
   * @return the generator
   * @since 0.1
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <T> Gen<T> frequency(Weighted<? extends T>... options) {
    List<Weighted<? extends T>> list = List.of(options);
    long total = list.stream().mapToLong(w -> w.weight).sum();
    if (list.isEmpty()) {
      throw new IllegalArgumentException("frequency needs at least one option");
    }
    return c -> {
      long pick = c.draw(total);
      for (Weighted<? extends T> w : list) {
        if (pick < w.weight) {
          return w.gen.generate(c);
        }
        pick -= w.weight;
      }
      throw new AssertionError("unreachable");
    };
  }

  /**
   * Lists of {@code [min, max]} elements; shrink toward short lists of simple elements.
   *
   * @param element element generator
   * @param min least size
   * @param max largest size
   * @param <T> element type
   * @return the generator
   * @since 0.1
   */
  public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
    if (min < 0 || min > max) {
      throw new IllegalArgumentException("bad size range " + min + ".." + max);
    }
    Objects.requireNonNull(element, "element");
    return c -> {
      List<T> out = new ArrayList<>();
      while (out.size() < max && (out.size() < min || c.draw(8) != 0)) {
        out.add(element.generate(c));
      }
      return out;
    };
  }

  /**
   * Strings of printable ASCII, 0-{@code maxLength} characters.
   *
   * @param maxLength largest length
   * @return the generator
   * @since 0.1
   */
  public static Gen<String> asciiStrings(int maxLength) {
    return lists(integers(32, 126).map(i -> (char) i.intValue()), 0, maxLength).map(Gens::join);
  }

  /**
   * Strings mixing ASCII, Latin-1, other BMP letters, combining marks and emoji (surrogate
   * pairs), 0-{@code maxLength} code points.
   *
   * @param maxLength largest length in code points
   * @return the generator
   * @since 0.1
   */
  public static Gen<String> unicodeStrings(int maxLength) {
    Gen<Integer> cp = frequency(weight(6, integers('a', 'z')), weight(2, integers(0xC0, 0xFF)),
        weight(1, integers(0x3040, 0x30FF)), weight(1, elements(0x0301, 0x0308)),
        weight(1, integers(0x1F600, 0x1F64F)), weight(1, elements((int) ' ', (int) '.',
            (int) '/', (int) '_', (int) '-')));
    return lists(cp, 0, maxLength).map(l -> {
      StringBuilder sb = new StringBuilder();
      l.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  private static String join(List<Character> chars) {
    StringBuilder sb = new StringBuilder(chars.size());
    chars.forEach(sb::append);
    return sb.toString();
  }

  /**
   * Printer-style file names: optional folders ({@code cache/}, {@code /sdcard/},
   * {@code usb/Parts/}, {@code Metadata/}), a base name, a print extension, case variants and
   * trailing spaces.
   *
   * @return the generator
   * @since 0.1
   */
  public static Gen<String> fileNames() {
    Gen<String> folder = elements("", "cache/", "/sdcard/", "usb/Parts/", "Metadata/", "/usr/");
    Gen<String> base = frequency(weight(4, elements("cube", "Benchy", "gear v2", "clip_holder",
        "Vase-Mode", "plate_1", "Ünïcode Teil")), weight(1, asciiStrings(12)
        .map(s -> s.replace('/', '_').replace('\\', '_').strip()).filter(s -> !s.isEmpty())));
    Gen<String> ext = elements(".gcode", ".3mf", ".gcode.3mf", ".bgcode", "");
    Gen<Integer> casing = elements(0, 1, 2);
    Gen<String> tail = elements("", " ", "  ");
    return c -> {
      String f = folder.generate(c);
      String b = base.generate(c);
      String e = ext.generate(c);
      int k = casing.generate(c);
      String t = tail.generate(c);
      String name = b + e;
      if (k == 1) {
        name = name.toUpperCase(Locale.ROOT);
      } else if (k == 2) {
        name = name.toLowerCase(Locale.ROOT);
      }
      return f + name + t;
    };
  }

  /**
   * Instants in {@code [from, to]} at millisecond precision, edge-biased.
   *
   * @param from earliest
   * @param to latest
   * @return the generator
   * @since 0.1
   */
  public static Gen<Instant> instants(Instant from, Instant to) {
    return longs(from.toEpochMilli(), to.toEpochMilli()).map(Instant::ofEpochMilli);
  }

  /**
   * Durations in {@code [min, max]} at millisecond precision, edge-biased.
   *
   * @param min shortest
   * @param max longest
   * @return the generator
   * @since 0.1
   */
  public static Gen<Duration> durations(Duration min, Duration max) {
    return longs(min.toMillis(), max.toMillis()).map(Duration::ofMillis);
  }

  /**
   * Clock tick start values: 0, near {@link Long#MAX_VALUE} (to catch overflow), near
   * {@link Long#MIN_VALUE}, or anywhere.
   *
   * @return the generator
   * @since 0.1
   */
  public static Gen<Long> tickOrigins() {
    return oneOf(constant(0L), longs(Long.MAX_VALUE - 3_600_000_000_000L, Long.MAX_VALUE),
        longs(Long.MIN_VALUE, Long.MIN_VALUE + 3_600_000_000_000L),
        longs(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /**
   * A generator with a weight.
   *
   * @param <T> type
   * @since 0.1
   */
  public static final class Weighted<T> {
    final int weight;
    final Gen<? extends T> gen;

    Weighted(int weight, Gen<? extends T> gen) {
      if (weight < 1) {
        throw new IllegalArgumentException("weight must be >= 1");
      }
      this.weight = weight;
      this.gen = Objects.requireNonNull(gen, "gen");
    }
  }
}
