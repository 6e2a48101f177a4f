package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scan part of {@link JobStoreCompatibilityKit}: {@link JobStore#scan} walks a history
 * longer than a page newest first, like {@link JobStore#query}, and a store that overrides it
 * sees each job that exists for the whole scan exactly once while others are created and
 * deleted.
 */
abstract class ScanChecks extends StoreChecks {
  private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

  private List<String> history(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // three jobs per millisecond: the order among equal creation times is by id
      Instant at = T.plusMillis(i / 3);
      Job j = Job.builder(UUID.randomUUID().toString(), PrinterId.of("scan-" + (i % 2)),
          "scan " + i, at).tracking(Tracking.started(JobStatus.RUNNING, at)
          .closed(i % 5 == 0 ? JobStatus.FAILED : JobStatus.COMPLETED, at.plusSeconds(60), null))
          .build();
      ids.add(store().insert(j).id());
    }
    return ids;
  }

  private List<String> paged(JobQuery filter) {
    List<String> out = new ArrayList<>();
    for (int off = 0; ; off += JobQuery.MAX_LIMIT) {
      List<Job> page = store().query(filter.withPage(off, JobQuery.MAX_LIMIT));
      page.forEach(j -> out.add(j.id()));
      if (page.size() < JobQuery.MAX_LIMIT) {
        return out;
      }
    }
  }

  private static List<String> ids(Iterator<Job> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(j -> out.add(j.id()));
    return out;
  }

  @Test
  @DisplayName("scan: every job once, newest first, in the order of query, with filters")
  void walksEveryJobOnce() {
    List<String> ids = history(2_500);
    List<String> all = ids(store().scan(JobQuery.all().withPage(0, 1)));
    assertEquals(ids.size(), all.size(), "scan saw " + all.size() + " of " + ids.size()
        + " jobs (the page of the filter must be ignored)");
    assertEquals(ids.size(), new HashSet<>(all).size(), "scan repeated jobs");
    assertEquals(paged(JobQuery.all()), all, "scan and query disagree on the order");
    JobQuery failed = JobQuery.all().withPrinter(PrinterId.of("scan-0"))
        .withStatuses(Set.of(JobStatus.FAILED));
    assertEquals(paged(failed), ids(store().scan(failed)), "scan with a filter");
    assertTrue(ids(store().scan(JobQuery.all().withPrinter(PrinterId.of("none")))).isEmpty());
  }

  @Test
  @DisplayName("scan: jobs created and deleted meanwhile make no other job skipped or repeated")
  void concurrentChanges() throws NoSuchMethodException {
    Assumptions.assumeFalse(store().getClass().getMethod("scan", JobQuery.class)
        .getDeclaringClass() == JobStore.class, "this store keeps the JobStore.scan default"
        + " (offset paging), which may skip or repeat jobs while others change");
    List<String> ids = history(2_500);
    Iterator<Job> scan = store().scan(JobQuery.all());
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 1_200 && scan.hasNext(); i++) {
      seen.add(scan.next().id());
    }
    Set<String> deleted = new HashSet<>();
    for (int i = 0; i < 600; i++) { // newer jobs: ahead of the scan
      Instant at = T.plusSeconds(3_600 + i);
      store().insert(Job.builder(UUID.randomUUID().toString(), PrinterId.of("scan-new"),
          "new " + i, at).build());
    }
    for (int i = 0; i < 10; i++) { // jobs the scan has not reached yet
      String id = ids.get(i * 50);
      assertTrue(store().delete(id));
      deleted.add(id);
    }
    scan.forEachRemaining(j -> seen.add(j.id()));
    Set<String> unique = new HashSet<>(seen);
    if (unique.size() != seen.size()) {
      fail("scan repeated " + (seen.size() - unique.size()) + " jobs while others changed");
    }
    for (String id : ids) {
      if (!deleted.contains(id) && !unique.contains(id)) {
        fail("scan skipped job " + id + ", which existed for the whole scan");
      }
    }
  }
}
