package dev.printernizer.spi;

import dev.printernizer.api.Job;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link JobStore#createIfAbsent(Job)} and {@link JobStore#adopt}.
 *
 * @param outcome what happened
 * @param job the job it happened to: the created or adopted job, the existing job of that run,
 *     or the other open job of the printer; null only for {@link Outcome#REJECTED}
 * @since 0.1
 */
public record StoreResult(Outcome outcome, @Nullable Job job) {
  /**
   * Checks that a job is given where the outcome needs one.
   *
   * @param outcome what happened
   * @param job the job it happened to; null only for {@link Outcome#REJECTED}
   */
  public StoreResult {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome != Outcome.REJECTED) {
      Objects.requireNonNull(job, "job");
    }
  }

  /**
   * The job of a result whose outcome has one: every outcome but {@link Outcome#REJECTED}.
   *
   * @return the job
   * @throws IllegalStateException for a {@link Outcome#REJECTED} result
   * @since 0.1
   */
  public Job requireJob() {
    if (job == null) {
      throw new IllegalStateException("a " + outcome + " result has no job");
    }
    return job;
  }

  /**
   * What a create or adopt call did.
   *
   * @since 0.1
   */
  public enum Outcome {
    /** The job was stored. */
    CREATED,
    /** The manual job was linked to the run. */
    ADOPTED,
    /** A job with this printer and run key already exists (returned); nothing was changed. */
    EXISTING,
    /** The printer already has another open job (returned); nothing was changed. */
    OPEN_CONFLICT,
    /** Adoption refused: the job is gone, already linked or not planned. */
    REJECTED
  }

  /**
   * @param job created
   * @return a CREATED result
   * @since 0.1
   */
  public static StoreResult created(Job job) {
    return new StoreResult(Outcome.CREATED, job);
  }

  /**
   * @param job adopted
   * @return an ADOPTED result
   * @since 0.1
   */
  public static StoreResult adopted(Job job) {
    return new StoreResult(Outcome.ADOPTED, job);
  }

  /**
   * @param job the existing job of the run
   * @return an EXISTING result
   * @since 0.1
   */
  public static StoreResult existing(Job job) {
    return new StoreResult(Outcome.EXISTING, job);
  }

  /**
   * @param job the printer's other open job
   * @return an OPEN_CONFLICT result
   * @since 0.1
   */
  public static StoreResult openConflict(Job job) {
    return new StoreResult(Outcome.OPEN_CONFLICT, job);
  }

  /**
   * @return a REJECTED result
   * @since 0.1
   */
  public static StoreResult rejected() {
    return new StoreResult(Outcome.REJECTED, null);
  }
}
