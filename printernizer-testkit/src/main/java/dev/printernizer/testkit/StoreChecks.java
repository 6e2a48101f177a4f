package dev.printernizer.testkit;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobStatus;
import dev.printernizer.spi.JobStore;
import java.time.Instant;

/** A group of {@link JobStoreCompatibilityKit} tests kept in a class of its own. */
abstract class StoreChecks {
  /** The kit's reference instant. */
  static final Instant T0 = JobStoreCompatibilityKit.T0;

  /** @return the store under test */
  abstract JobStore store();

  /** Closes a stored job with an outcome and answers it as stored. */
  Job close(Job j, JobStatus outcome, Instant end) {
    return store().updateTracking(j.id(), j.tracking().closed(outcome, end, null)).orElseThrow();
  }

  static String lost(String field) {
    return JobStoreCompatibilityKit.lost(field);
  }
}
