package dev.printernizer.examples;

import dev.printernizer.api.Job;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult;
import dev.printernizer.testkit.fake.ForwardingJobStore;
import java.util.function.Consumer;

/**
 * A job store of your own, here the simplest useful kind: it keeps jobs in another store and
 * writes an audit line for every job the engine creates. A store written from scratch implements
 * {@link JobStore} directly; either way, prove it with the testkit's JobStoreCompatibilityKit
 * (see CustomStoreExampleCompatibilityTest).
 */
public final class CustomStoreExample extends ForwardingJobStore {
  private final Consumer<String> audit;

  /**
   * @param delegate where jobs really live
   * @param audit where audit lines go
   */
  public CustomStoreExample(JobStore delegate, Consumer<String> audit) {
    super(delegate);
    this.audit = audit;
  }

  @Override
  public StoreResult createIfAbsent(Job job) {
    StoreResult r = super.createIfAbsent(job);
    if (r.outcome() == StoreResult.Outcome.CREATED) {
      audit.accept("created " + job.id() + " for " + job.printerId() + ": " + job.name());
    }
    return r;
  }
}
