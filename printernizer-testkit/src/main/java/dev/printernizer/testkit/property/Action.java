package dev.printernizer.testkit.property;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One step of a stateful test: applied to the state (the system under test together with its
 * reference model), described for the failure report.
 *
 * @param <S> the state type
 * @since 0.1
 */
public interface Action<S> {
  /**
   * A one-line description for the failure report, e.g. {@code "p1: start print 'cube.gcode'"}.
   * Called after {@link #apply}, so it may include what the step found or made.
   *
   * @return the description
   * @since 0.1
   */
  String describe();

  /**
   * Applies the step; throws (an assertion error) when the system disagrees with the model.
   *
   * @param state the state
   * @since 0.1
   */
  void apply(S state);

  /**
   * Whether the step may run in this state; a step whose precondition fails (for example after
   * shrinking removed what it relied on) is skipped.
   *
   * @param state the state
   * @return whether to run it
   * @since 0.1
   */
  default boolean precondition(S state) {
    return true;
  }

  /**
   * @param description the description
   * @param body the step
   * @param <S> state type
   * @return an action
   * @since 0.1
   */
  static <S> Action<S> of(String description, Consumer<S> body) {
    return of(description, s -> true, body);
  }

  /**
   * @param description the description
   * @param precondition when it may run
   * @param body the step
   * @param <S> state type
   * @return an action
   * @since 0.1
   */
  static <S> Action<S> of(String description, Predicate<S> precondition, Consumer<S> body) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(precondition, "precondition");
    Objects.requireNonNull(body, "body");
    return new Action<>() {
      @Override
      public String describe() {
        return description;
      }

      @Override
      public void apply(S state) {
        body.accept(state);
      }

      @Override
      public boolean precondition(S state) {
        return precondition.test(state);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
