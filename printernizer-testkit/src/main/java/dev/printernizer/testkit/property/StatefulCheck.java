package dev.printernizer.testkit.property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Model-based (stateful) testing: random action sequences run against a fresh state, with
 * invariants checked after every step; a failing sequence is shrunk to a minimal one and
 * reported step by step with its seed.
 *
 * <pre>{@code
 * StatefulCheck.of("counter", Counter::new)
 *     .actions(s -> Gens.elements(inc, dec))
 *     .invariant("never negative", s -> assertTrue(s.value() >= 0))
 *     .sequences(1000).maxSteps(30)
 *     .check();
 * }</pre>
 *
 * <p>Actions are generated from the current state, so they can depend on it. A state that holds
 * resources can be released through {@link #teardown(Consumer)}, which runs after every
 * sequence, passing or failing.
 *
 * @param <S> the state type (the system under test plus its reference model)
 * @since 0.1
 */
public final class StatefulCheck<S> {
  private final String name;
  private final Gen<S> setup;
  private @Nullable Function<S, Gen<Action<S>>> actions;
  private final Map<String, Consumer<S>> invariants = new LinkedHashMap<>();
  private Consumer<S> teardown = s -> { };
  private Function<S, @Nullable String> describeState = s -> null;
  private int sequences = 100;
  private int maxSteps = 50;
  private @Nullable Long seed;
  private int shrinkRuns = 5000;

  private StatefulCheck(String name, Gen<S> setup) {
    this.name = name;
    this.setup = setup;
  }

  /**
   * @param name shown in reports
   * @param setup creates a fresh state for every sequence
   * @param <S> state type
   * @return the check
   * @since 0.1
   */
  public static <S> StatefulCheck<S> of(String name, Supplier<S> setup) {
    Objects.requireNonNull(setup, "setup");
    return new StatefulCheck<>(Objects.requireNonNull(name, "name"), c -> setup.get());
  }

  /**
   * @param name shown in reports
   * @param setup generates a fresh state for every sequence (e.g. with a random clock origin)
   * @param <S> state type
   * @return the check
   * @since 0.1
   */
  public static <S> StatefulCheck<S> of(String name, Gen<S> setup) {
    return new StatefulCheck<>(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(setup, "setup"));
  }

  /**
   * @param actions the next action's generator, given the state
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> actions(Function<S, Gen<Action<S>>> actions) {
    this.actions = Objects.requireNonNull(actions, "actions");
    return this;
  }

  /**
   * @param name shown when it fails
   * @param check throws (an assertion error) when the invariant does not hold
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> invariant(String name, Consumer<S> check) {
    invariants.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    return this;
  }

  /**
   * @param teardown releases a state after its sequence
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> teardown(Consumer<S> teardown) {
    this.teardown = Objects.requireNonNull(teardown, "teardown");
    return this;
  }

  /**
   * @param describe describes the final state of a failing sequence (e.g. expected and actual
   *     jobs), or returns null
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> describeState(Function<S, @Nullable String> describe) {
    this.describeState = Objects.requireNonNull(describe, "describe");
    return this;
  }

  /**
   * @param n sequences to run (1-10,000,000; default 100)
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> sequences(int n) {
    if (n < 1 || n > 10_000_000) {
      throw new IllegalArgumentException("sequences must be 1-10000000, was " + n);
    }
    this.sequences = n;
    return this;
  }

  /**
   * @param n most steps per sequence (1-10,000; default 50)
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> maxSteps(int n) {
    if (n < 1 || n > 10_000) {
      throw new IllegalArgumentException("maxSteps must be 1-10000, was " + n);
    }
    this.maxSteps = n;
    return this;
  }

  /**
   * @param seed a fixed seed (the system property and @Seed still win)
   * @return this
   */
  public StatefulCheck<S> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * @param runs most replays spent shrinking (default 5000)
   * @return this
   * @since 0.1
   */
  public StatefulCheck<S> shrinkRuns(int runs) {
    this.shrinkRuns = runs;
    return this;
  }

  /**
   * Runs the sequences.
   *
   * @return statistics
   * @throws PropertyFailure with the shrunk step sequence when a step or invariant fails
   * @since 0.1
   */
  public CheckResult check() {
    if (actions == null) {
      throw new IllegalStateException("no actions: call actions(...) before check()");
    }
    long s = Runner.resolveSeed(seed);
    long[] steps = {0};
    Runner.Outcome o = Runner.run(name, c -> runSequence(c, steps), sequences, s, shrinkRuns);
    return new CheckResult(o.seed, o.cases, steps[0], o.nanos);
  }

  private Runner.@Nullable Failure runSequence(Choices c, long[] stepCount) {
    S state = setup.generate(c);
    List<String> log = new ArrayList<>();
    List<Integer> spans = new ArrayList<>();
    try {
      for (int step = 0; step < maxSteps; step++) {
        spans.add(c.position());
        if (step > 0 && c.draw(40) == 0) {
          break; // stop here; shrinks toward shorter sequences
        }
        Action<S> action = Objects.requireNonNull(actions, "actions(...) is set").apply(state)
            .generate(c);
        if (!action.precondition(state)) {
          continue;
        }
        stepCount[0]++;
        try {
          action.apply(state);
        } catch (RuntimeException | AssertionError e) {
          log.add(action.describe());
          return failure(log, "step " + log.size() + " failed", e, state, spans);
        }
        log.add(action.describe());
        for (Map.Entry<String, Consumer<S>> inv : invariants.entrySet()) {
          try {
            inv.getValue().accept(state);
          } catch (RuntimeException | AssertionError e) {
            return failure(log, "invariant '" + inv.getKey() + "' violated after step "
                + log.size(), e, state, spans);
          }
        }
      }
      return null;
    } finally {
      teardown.accept(state);
    }
  }

  private Runner.Failure failure(List<String> log, String what, Throwable e, S state,
      List<Integer> spans) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < log.size(); i++) {
      sb.append(String.format("  %3d. %s%n", i + 1, log.get(i)));
    }
    sb.append("  => ").append(what).append('\n');
    String d;
    try {
      d = describeState.apply(state);
    } catch (RuntimeException ex) {
      d = "(describing the state failed: " + ex + ")";
    }
    if (d != null) {
      sb.append(d.endsWith("\n") ? d : d + "\n");
    }
    return new Runner.Failure(e, sb.toString(), log.size(),
        spans.stream().mapToInt(Integer::intValue).toArray());
  }
}
