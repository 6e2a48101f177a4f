package dev.printernizer.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.printernizer.api.BusinessFields;
import dev.printernizer.api.ConnectionGap;
import dev.printernizer.api.CostRates;
import dev.printernizer.api.Detection;
import dev.printernizer.api.FilamentUse;
import dev.printernizer.api.FileNames;
import dev.printernizer.api.Job;
import dev.printernizer.api.JobCost;
import dev.printernizer.api.JobQuery;
import dev.printernizer.api.JobStatus;
import dev.printernizer.api.PrintFile;
import dev.printernizer.api.PrinterId;
import dev.printernizer.api.RunLink;
import dev.printernizer.api.Tracking;
import dev.printernizer.spi.JobStore;
import dev.printernizer.spi.StoreResult.Outcome;
import dev.printernizer.spi.StoreResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link JobStore}, as an abstract JUnit Jupiter test class. Extend it, create a
 * fresh empty store in {@link #createStore()}, and every rule the engine relies on is checked:
 *
 * <pre>{@code
 * class MyStoreCompatibilityTest extends JobStoreCompatibilityKit {
 *   @Override
 *   protected JobStore createStore() {
 *     return new MyStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>Stores that keep instants at millisecond precision pass; the kit uses millisecond instants.
 * The concurrency tests use 50 threads racing once on one run key; 4 threads racing round after
 * round on a fresh run key each round, up to 2,000 rounds or 2 seconds (a create-if-absent that
 * checks, then puts, without a lock loses only some races; it fails with "createIfAbsent is not
 * atomic: N jobs for run key K"); and 8 threads on many keys.
 *
 * @since 0.1
 */
public abstract class JobStoreCompatibilityKit {
  /** For subclasses. */
  protected JobStoreCompatibilityKit() {}

  /** A fixed base instant (millisecond precision). */
  protected static final Instant T0 = Instant.parse("2026-05-04T10:15:30.123Z");

  /** The store under test, fresh for every test. */
  protected JobStore store;

  /**
   * Creates a fresh, empty store.
   * @return the store
   */
  protected abstract JobStore createStore();

  /**
   * Releases a store after a test; the default closes it.
   *
   * @param store the store
   */
  protected void destroyStore(JobStore store) {
    store.close();
  }

  /** @return how many jobs the bulk test stores (default 3,000) */
  protected int bulkJobCount() {
    return 3000;
  }

  /**
   * @return at most how many rounds the round-after-round createIfAbsent race runs (default
   *     2,000); it also stops at {@link #createRaceTime()}
   * @since 0.1
   */
  protected int createRaceRounds() {
    return 2000;
  }

  /**
   * @return at most about how long the round-after-round createIfAbsent race runs (default 2
   *     seconds); it also stops at {@link #createRaceRounds()}
   * @since 0.1
   */
  protected Duration createRaceTime() {
    return Duration.ofSeconds(2);
  }

  @BeforeEach
  void createTheStore() {
    store = createStore();
    assertNotNull(store, "createStore() returned null");
  }

  @AfterEach
  void destroyTheStore() {
    if (store != null) {
      destroyStore(store);
    }
  }

  // ------------------------------------------------------------------------------ helpers

  /** The message of a round-trip assertion: the contract and the field. */
  static String lost(String field) {
    return "round trip lost field `" + field + "`: the store must give back every field as given";
  }

  /**
   * A printer id for tests.
   *
   * @param id the id's text
   * @return the printer id
   */
  protected static PrinterId printer(String id) {
    return PrinterId.of(id);
  }

  /**
   * An open auto-created job.
   *
   * @param printer the printer
   * @param runKey the run key
   * @param file raw file name
   * @param start start time
   * @return the job (not stored)
   */
  protected static Job autoJob(PrinterId printer, String runKey, String file, Instant start) {
    return Job.builder(UUID.randomUUID().toString(), printer, "job " + runKey, start)
        .fileName(file).autoCreated(true)
        .run(new RunLink(runKey, null, Detection.LIVE, start, null))
        .tracking(Tracking.started(JobStatus.RUNNING, start))
        .build();
  }

  /**
   * A planned manual job.
   *
   * @param printer the printer
   * @param file raw file name
   * @param createdAt creation time
   * @return the job (not stored)
   */
  protected static Job manualJob(PrinterId printer, String file, Instant createdAt) {
    String name = "manual " + (file.length() > 40 ? file.substring(0, 40) : file);
    return Job.builder(UUID.randomUUID().toString(), printer, name, createdAt)
        .fileName(file).build();
  }

  private static RunLink link(String key, Instant at) {
    return new RunLink(key, "77", Detection.LIVE, at, at.minusSeconds(5));
  }

  private Job closeStored(Job j, JobStatus outcome, Instant end) {
    return store.updateTracking(j.id(), j.tracking().closed(outcome, end, null)).orElseThrow();
  }

  // ------------------------------------------------------------------------------ tests

  @Nested
  @DisplayName("createIfAbsent")
  class CreateIfAbsent {
    @Test
    @DisplayName("stores a new run's job and answers CREATED")
    void creates() {
      Job j = autoJob(printer("p1"), "k1", "cube.gcode", T0);
      StoreResult r = store.createIfAbsent(j);
      assertEquals(Outcome.CREATED, r.outcome());
      assertEquals(j.id(), r.requireJob().id());
      assertTrue(r.requireJob().version() > 0, "a stored job has a positive version");
      assertEquals(j.id(), store.get(j.id()).orElseThrow().id());
    }

    @Test
    @DisplayName("answers EXISTING with the first job for a run key already used")
    void existing() {
      Job first = store.createIfAbsent(autoJob(printer("p1"), "k1", "a.gcode", T0)).requireJob();
      closeStored(first, JobStatus.COMPLETED, T0.plusSeconds(60));
      StoreResult r = store.createIfAbsent(autoJob(printer("p1"), "k1", "a.gcode", T0));
      assertEquals(Outcome.EXISTING, r.outcome());
      assertEquals(first.id(), r.requireJob().id());
      assertEquals(1, store.count(JobQuery.all()));
    }

    @Test
    @DisplayName("answers OPEN_CONFLICT when the printer has another open job")
    void openConflict() {
      Job open = store.createIfAbsent(autoJob(printer("p1"), "k1", "a.gcode", T0)).requireJob();
      StoreResult r = store.createIfAbsent(autoJob(printer("p1"), "k2", "b.gcode", T0));
      assertEquals(Outcome.OPEN_CONFLICT, r.outcome());
      assertEquals(open.id(), r.requireJob().id());
      assertEquals(1, store.count(JobQuery.all()));
    }

    @Test
    @DisplayName("keeps run keys per printer")
    void perPrinter() {
      assertEquals(Outcome.CREATED,
          store.createIfAbsent(autoJob(printer("p1"), "same", "a", T0)).outcome());
      assertEquals(Outcome.CREATED,
          store.createIfAbsent(autoJob(printer("p2"), "same", "a", T0)).outcome());
    }

    @Test
    @DisplayName("records a run that already ended without touching the printer's open job")
    void closedRun() {
      Job open = store.createIfAbsent(autoJob(printer("p1"), "now", "b", T0)).requireJob();
      Job ended = autoJob(printer("p1"), "earlier", "a", T0.minusSeconds(600)).toBuilder()
          .tracking(Tracking.started(JobStatus.RUNNING, T0.minusSeconds(600))
              .closed(JobStatus.COMPLETED, T0.minusSeconds(60), null)).build();
      StoreResult r = store.createIfAbsent(ended);
      assertEquals(Outcome.CREATED, r.outcome());
      assertEquals(JobStatus.COMPLETED, store.get(ended.id()).orElseThrow().status());
      assertEquals(open.id(), store.findOpenJob(printer("p1")).orElseThrow().id());
      assertEquals(Outcome.EXISTING, store.createIfAbsent(autoJob(printer("p1"), "earlier", "a",
          T0)).outcome());
    }

    @Test
    @DisplayName("rejects jobs without a run link, planned jobs and taken ids")
    void rejectsBadInput() {
      assertThrows(IllegalArgumentException.class,
          () -> store.createIfAbsent(manualJob(printer("p1"), "a", T0)));
      Job j = store.createIfAbsent(autoJob(printer("p1"), "k1", "a", T0)).requireJob();
      closeStored(j, JobStatus.FAILED, T0);
      Job fresh = autoJob(printer("p1"), "k2", "a", T0);
      Job clash = Job.builder(j.id(), printer("p1"), "x", T0).autoCreated(true)
          .run(new RunLink("k3", null, Detection.LIVE, T0, null))
          .tracking(Tracking.started(JobStatus.RUNNING, T0)).build();
      assertThrows(RuntimeException.class, () -> store.createIfAbsent(clash));
      assertEquals(Outcome.CREATED, store.createIfAbsent(fresh).outcome());
    }
  }

  @Nested
  @DisplayName("exactly once under concurrency")
  class Concurrency {
    @Test
    @DisplayName("50 threads racing on one run key create exactly one job")
    void fiftyThreadsOneKey() throws Exception {
      CreateIfAbsentRace.run(store, 50, 1, Duration.ofMinutes(1),
          (p, key) -> autoJob(p, key, "cube.gcode", T0));
    }

    @Test
    @DisplayName("4 threads racing round after round, a fresh run key each round, create one job"
        + " per key")
    void roundsOfFourThreads() throws Exception {
      CreateIfAbsentRace.run(store, 4, createRaceRounds(), createRaceTime(),
          (p, key) -> autoJob(p, key, "cube.gcode", T0));
    }

    @Test
    @DisplayName("many keys and printers at once: one job per key, one open job per printer")
    void manyKeys() throws Exception {
      int printers = 20;
      int keys = 10;
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<StoreResult>> fs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          for (int p = 0; p < printers; p++) {
            for (int k = 0; k < keys; k++) {
              Job j = autoJob(printer("m" + p), "k" + k, "f" + k, T0);
              fs.add(pool.submit(() -> {
                go.await();
                return store.createIfAbsent(j);
              }));
            }
          }
        }
        go.countDown();
        int created = 0;
        for (Future<StoreResult> f : fs) {
          if (f.get(60, TimeUnit.SECONDS).outcome() == Outcome.CREATED) {
            created++;
          }
        }
        assertEquals(printers, created, "one open job per printer: the first key wins");
        for (int p = 0; p < printers; p++) {
          assertEquals(1, store.count(JobQuery.all().withPrinter(printer("m" + p))));
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("adoption and creation racing for one run give one job")
    void adoptVersusCreate() throws Exception {
      for (int i = 0; i < 20; i++) {
        PrinterId p = printer("ad" + i);
        Job manual = store.insert(manualJob(p, "gear.3mf", T0));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          CountDownLatch go = new CountDownLatch(1);
          Future<StoreResult> a = pool.submit(() -> {
            go.await();
            return store.adopt(manual.id(), link("run", T0),
                Tracking.started(JobStatus.RUNNING, T0));
          });
          Future<StoreResult> c = pool.submit(() -> {
            go.await();
            return store.createIfAbsent(autoJob(p, "run", "gear.3mf", T0));
          });
          go.countDown();
          Outcome oa = a.get(60, TimeUnit.SECONDS).outcome();
          Outcome oc = c.get(60, TimeUnit.SECONDS).outcome();
          assertTrue((oa == Outcome.ADOPTED) ^ (oc == Outcome.CREATED),
              "exactly one of adopt/create wins, got " + oa + " / " + oc);
          assertTrue(store.findByRunKey(p, "run").isPresent());
          assertEquals(1, store.query(JobQuery.all().withPrinter(p)).stream()
              .filter(j -> j.run().isPresent()).count());
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }

  @Nested
  @DisplayName("adoption of manual jobs")
  class Adoption {
    @Test
    @DisplayName("links a planned manual job to the run and opens it, keeping business fields")
    void adopts() {
      Job manual = store.insert(manualJob(printer("p1"), "gear.3mf", T0).toBuilder()
          .business(new BusinessFields("ACME", true, new BigDecimal("1.50"), "n")).build());
      StoreResult r = store.adopt(manual.id(), link("run-1", T0),
          Tracking.started(JobStatus.RUNNING, T0));
      assertEquals(Outcome.ADOPTED, r.outcome());
      Job j = store.get(manual.id()).orElseThrow();
      assertEquals("run-1", j.run().orElseThrow().runKey());
      assertEquals(JobStatus.RUNNING, j.status());
      assertEquals("ACME", j.business().customer());
      assertFalse(j.autoCreated());
      assertEquals(j.id(), store.findOpenJob(printer("p1")).orElseThrow().id());
      assertEquals(j.id(), store.findByRunKey(printer("p1"), "run-1").orElseThrow().id());
    }

    @Test
    @DisplayName("refuses missing, linked and not planned jobs; reports taken keys and open jobs")
    void refuses() {
      Tracking run = Tracking.started(JobStatus.RUNNING, T0);
      assertEquals(Outcome.REJECTED, store.adopt("no-such-job", link("k", T0), run).outcome());
      Job m1 = store.insert(manualJob(printer("p1"), "a", T0));
      assertEquals(Outcome.ADOPTED, store.adopt(m1.id(), link("k", T0), run).outcome());
      assertEquals(Outcome.REJECTED, store.adopt(m1.id(), link("k2", T0), run).outcome());
      Job m2 = store.insert(manualJob(printer("p1"), "a", T0));
      assertEquals(Outcome.EXISTING, store.adopt(m2.id(), link("k", T0), run).outcome());
      assertEquals(Outcome.OPEN_CONFLICT, store.adopt(m2.id(), link("k3", T0), run).outcome());
      Job closedManual = store.insert(manualJob(printer("p9"), "a", T0).toBuilder()
          .tracking(Tracking.of(JobStatus.CANCELLED, null, T0, 0, null, null, null, 0,
              Duration.ZERO, List.of(), "by hand")).build());
      assertEquals(Outcome.REJECTED, store.adopt(closedManual.id(), link("k4", T0), run)
          .outcome());
    }

    @Test
    @DisplayName("finds candidates by printer, normalized file and creation window, edges included")
    void windows() {
      PrinterId p = printer("w");
      Job before = store.insert(manualJob(p, "cache/Gear.3mf", T0.minusMillis(120_001)));
      Job atFrom = store.insert(manualJob(p, "gear.gcode", T0.minusSeconds(120)));
      Job inside = store.insert(manualJob(p, "GEAR", T0));
      Job atTo = store.insert(manualJob(p, "/sdcard/gear.bgcode", T0.plusSeconds(120)));
      Job after = store.insert(manualJob(p, "gear", T0.plusMillis(120_001)));
      store.insert(manualJob(printer("other"), "gear", T0));
      store.insert(manualJob(p, "cube", T0));
      List<Job> found = store.findAdoptionCandidates(p, "gear", T0.minusSeconds(120),
          T0.plusSeconds(120));
      assertEquals(List.of(atFrom.id(), inside.id(), atTo.id()),
          found.stream().map(Job::id).toList(), "inclusive window, oldest first");
      assertFalse(found.stream().anyMatch(j -> j.id().equals(before.id())
          || j.id().equals(after.id())));
      store.adopt(inside.id(), link("r", T0), Tracking.started(JobStatus.RUNNING, T0));
      assertEquals(2, store.findAdoptionCandidates(p, "gear", T0.minusSeconds(120),
          T0.plusSeconds(120)).size(), "a linked job is no candidate");
    }
  }

  @Nested
  @DisplayName("tracking and business fields never overwrite each other")
  class Fields {
    @Test
    @DisplayName("a tracking update keeps business fields and the run link")
    void trackingKeepsBusiness() {
      Job j = store.createIfAbsent(autoJob(printer("p1"), "k", "a.gcode", T0)).requireJob();
      BusinessFields b = new BusinessFields("Kunde GmbH", true, new BigDecimal("12.34"), "eilig");
      Job edited = store.updateBusiness(j.id(), b).orElseThrow();
      assertTrue(edited.version() > j.version());
      Tracking t = j.tracking().withProgress(42.5, Duration.ofMinutes(17), 33, 200)
          .withStatus(JobStatus.PAUSED);
      Job after = store.updateTracking(j.id(), t).orElseThrow();
      assertEquals(b, after.business());
      assertEquals(j.run(), after.run());
      assertEquals(t, after.tracking());
      assertTrue(after.version() > edited.version());
    }

    @Test
    @DisplayName("a business edit keeps tracking fields and auto-creation metadata")
    void businessKeepsTracking() {
      Job j = store.createIfAbsent(autoJob(printer("p1"), "k", "a.gcode", T0)).requireJob();
      Tracking t = j.tracking().withProgress(80, null, null, null);
      store.updateTracking(j.id(), t);
      Job after = store.updateBusiness(j.id(), new BusinessFields("X", false, null, null))
          .orElseThrow();
      assertEquals(t, after.tracking());
      assertEquals(j.customerInfo(), after.customerInfo());
      assertTrue(after.autoCreated());
    }

    @Test
    @DisplayName("a closed job stays closed; closing frees the printer for a new open job")
    void closedStaysClosed() {
      Job j = store.createIfAbsent(autoJob(printer("p1"), "k", "a.gcode", T0)).requireJob();
      Job closed = closeStored(j, JobStatus.COMPLETED, T0.plusSeconds(3600));
      assertEquals(JobStatus.COMPLETED, closed.status());
      assertTrue(store.findOpenJob(printer("p1")).isEmpty());
      Job again = store.updateTracking(j.id(), Tracking.started(JobStatus.RUNNING, T0))
          .orElseThrow();
      assertEquals(JobStatus.COMPLETED, again.status(), "no reopening");
      Job again2 = store.updateTracking(j.id(), closed.tracking().withStatus(JobStatus.FAILED))
          .orElseThrow();
      assertEquals(JobStatus.COMPLETED, again2.status(), "no change of outcome");
      assertEquals(Outcome.CREATED,
          store.createIfAbsent(autoJob(printer("p1"), "k2", "a.gcode", T0)).outcome());
    }

    @Test
    @DisplayName("updates of missing jobs answer empty")
    void missing() {
      assertTrue(store.updateTracking("nope", Tracking.planned()).isEmpty());
      assertTrue(store.updateBusiness("nope", BusinessFields.EMPTY).isEmpty());
      assertTrue(store.get("nope").isEmpty());
      assertFalse(store.delete("nope"));
    }
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips {
    @Test
    @DisplayName("the print's dedup key is kept as given when it is not the file name's")
    void printNameKeyIsKept() {
      Job j = Job.builder(UUID.randomUUID().toString(), printer("rk"), "Planter_plate_2", T0)
          .fileName("/data/Metadata/plate_2.gcode").normalizedFile("planter_plate_2")
          .autoCreated(true).run(new RunLink("id:7|planter_plate_2", "7", Detection.LIVE, T0, null))
          .tracking(Tracking.started(JobStatus.RUNNING, T0)).build();
      store.createIfAbsent(j);
      Job back = store.get(j.id()).orElseThrow();
      assertEquals("/data/Metadata/plate_2.gcode", back.fileName().orElseThrow());
      assertEquals("planter_plate_2", back.normalizedFile().orElseThrow(),
          "the engine recognises a print after a restart by this key, not by the file name");
      assertEquals(j.normalizedFile(), store.findByRunKey(printer("rk"), "id:7|planter_plate_2")
          .orElseThrow().normalizedFile());
    }

    @Test
    @DisplayName("every detection survives storage, BACKFILL included")
    void everyDetection() {
      for (Detection d : Detection.values()) {
        Job j = Job.builder(UUID.randomUUID().toString(), printer("det"), "Cube " + d, T0)
            .fileName("cube-" + d + ".gcode").autoCreated(true)
            .run(new RunLink("id:" + d + "|cube", d.name(), d, T0, T0.minusSeconds(60)))
            .tracking(Tracking.started(JobStatus.RUNNING, T0.minusSeconds(60))
                .closed(JobStatus.COMPLETED, T0, null)).build();
        store.createIfAbsent(j);
        Job back = store.get(j.id()).orElseThrow(() -> new AssertionError(
            "a closed job with detection " + d + " was not stored"));
        assertEquals(d, back.run().orElseThrow().detection(), lost("run.detection " + d));
      }
    }

    @Test
    @DisplayName("every field survives storage: metadata, tracking, gaps, business")
    void everything() {
      Instant start = T0.minusSeconds(600);
      Job j = Job.builder(UUID.randomUUID().toString(), printer("rt"), "Benchy", T0)
          .fileName("cache/Benchy.gcode.3mf").autoCreated(true)
          .run(new RunLink("id:42|benchy", "42", Detection.STARTUP, T0, start))
          .tracking(Tracking.started(JobStatus.RUNNING, start)).build();
      Job stored = store.createIfAbsent(j).requireJob();
      Tracking t = stored.tracking().withProgress(12.5, Duration.ofSeconds(3723), 7, 250)
          .withPause(Duration.ofMillis(61_234)).withGap(new ConnectionGap(T0, T0.plusMillis(1500)))
          .withGap(new ConnectionGap(T0.plusSeconds(5), T0.plusSeconds(9)))
          .closed(JobStatus.INTERRUPTED, T0.plusSeconds(3600), "reason: ünïcode ✓");
      store.updateTracking(j.id(), t);
      store.updateBusiness(j.id(), new BusinessFields("Müller & Söhne", true,
          new BigDecimal("1234.56"), "line1\nline2 \"quoted\""));
      Job back = store.get(j.id()).orElseThrow(() -> new AssertionError(
          "round trip lost the job: get(id) found nothing after createIfAbsent"));
      assertEquals(j.name(), back.name(), lost("name"));
      assertEquals(j.fileName(), back.fileName(), lost("fileName"));
      assertEquals(j.normalizedFile(), back.normalizedFile(), lost("normalizedFile"));
      assertEquals(j.createdAt(), back.createdAt(), lost("createdAt (millisecond precision, UTC)"));
      assertEquals(j.run(), back.run(), lost("run (run key, printer job id, detection, times)"));
      assertTrue(back.run().orElseThrow().discoveredOnStartup(), lost("run.detection"));
      assertEquals(t.gaps(), back.tracking().gaps(), lost("tracking.gaps"));
      assertEquals(t.closeReason(), back.tracking().closeReason(), lost("tracking.closeReason"));
      assertEquals(t.pausedTotal(), back.tracking().pausedTotal(), lost("tracking.pausedTotal"));
      assertEquals(t, back.tracking(), lost("tracking"));
      assertEquals("Müller & Söhne", back.business().customer(), lost("business.customer"));
      assertEquals(0, new BigDecimal("1234.56").compareTo(back.business().materialCost()),
          lost("business.materialCost"));
      assertEquals("line1\nline2 \"quoted\"", back.business().notes(), lost("business.notes"));
      assertEquals(j.customerInfo(), back.customerInfo(), lost("customerInfo"));
    }

    @Test
    @DisplayName("Unicode and 1,024-character file names")
    void longUnicodeNames() {
      String longName = "Teil_ä€😀_".repeat(100).substring(0, 1000) + ".gcode.3mf";
      String name = longName.length() > 1024 ? longName.substring(0, 1024) : longName;
      Job j = store.createIfAbsent(autoJob(printer("u"), "k", name, T0)).requireJob();
      Job back = store.get(j.id()).orElseThrow();
      assertEquals(name, back.fileName().orElseThrow());
      assertEquals(j.normalizedFile(), back.normalizedFile());
      Job m = store.insert(manualJob(printer("u2"), name, T0));
      assertEquals(List.of(m.id()), store.findAdoptionCandidates(printer("u2"),
          FileNames.normalize(name), T0, T0).stream().map(Job::id).toList());
    }

    @Test
    @DisplayName("instants keep millisecond precision whatever the JVM's time zone")
    void zoneIndependent() {
      TimeZone saved = TimeZone.getDefault();
      String id;
      try {
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        id = store.createIfAbsent(autoJob(printer("tz"), "k", "a", T0)).requireJob().id();
      } finally {
        TimeZone.setDefault(saved);
      }
      try {
        TimeZone.setDefault(TimeZone.getTimeZone("America/Adak"));
        Job back = store.get(id).orElseThrow();
        assertEquals(T0, back.createdAt());
        assertEquals(T0, back.tracking().startTime().orElseThrow());
        assertEquals(T0, back.run().orElseThrow().discoveryTime());
      } finally {
        TimeZone.setDefault(saved);
      }
    }
  }

  @Nested
  @DisplayName("print file descriptions (JobStore.updatePrintFile, since 0.3)")
  class PrintFiles extends PrintFileChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("outbox (JobStore.outbox, since 0.4)")
  class OutboxEntries extends OutboxChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("thumbnails (JobStore.updateThumbnail, since 0.3)")
  class Thumbnails extends ThumbnailChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("job costs (JobStore.updateCost, since 0.3)")
  class Costs extends CostChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("statistics (JobStore.statistics, since 0.3)")
  class Statistics extends StatisticsChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("scan (JobStore.scan, since 0.3)")
  class Scan extends ScanChecks {
    @Override
    JobStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("queries")
  class Queries {
    @Test
    @DisplayName("filter by printer, status and origin; newest first; paging; count; delete")
    void filters() {
      Job a = store.createIfAbsent(autoJob(printer("q1"), "k1", "a", T0)).requireJob();
      closeStored(a, JobStatus.COMPLETED, T0.plusSeconds(10));
      Job b = store.createIfAbsent(autoJob(printer("q1"), "k2", "b",
      T0.plusSeconds(20))).requireJob();
      Job m = store.insert(manualJob(printer("q2"), "c", T0.plusSeconds(30)));
      assertEquals(List.of(m.id(), b.id(), a.id()),
          store.query(JobQuery.all()).stream().map(Job::id).toList());
      assertEquals(List.of(b.id(), a.id()), store.query(JobQuery.all()
          .withPrinter(printer("q1"))).stream().map(Job::id).toList());
      assertEquals(List.of(b.id()), store.query(JobQuery.all()
          .withStatuses(Set.of(JobStatus.RUNNING, JobStatus.PAUSED))).stream().map(Job::id)
          .toList());
      assertEquals(List.of(m.id()), store.query(JobQuery.all().withAutoCreated(false)).stream()
          .map(Job::id).toList());
      assertEquals(List.of(b.id()), store.query(JobQuery.all().withPage(1, 1)).stream()
          .map(Job::id).toList());
      assertEquals(2, store.count(JobQuery.all().withAutoCreated(true)));
      assertTrue(store.delete(b.id()));
      assertTrue(store.findOpenJob(printer("q1")).isEmpty());
      assertTrue(store.findByRunKey(printer("q1"), "k2").isEmpty());
      assertEquals(Outcome.CREATED,
          store.createIfAbsent(autoJob(printer("q1"), "k2", "b", T0)).outcome());
    }

    @Test
    @DisplayName("thousands of jobs: lookups and pages stay correct")
    void thousands() {
      int n = bulkJobCount();
      PrinterId p = printer("bulk");
      for (int i = 0; i < n; i++) {
        Job j = store.createIfAbsent(autoJob(p, "k" + i, "f" + (i % 7), T0.plusSeconds(i)))
            .requireJob();
        if (i < n - 1) {
          closeStored(j, JobStatus.COMPLETED, T0.plusSeconds(i).plusMillis(500));
        }
      }
      assertEquals(n, store.count(JobQuery.all()));
      assertEquals("k" + (n - 1), store.findOpenJob(p).orElseThrow().run().orElseThrow()
          .runKey());
      assertEquals("k" + (n / 2), store.findByRunKey(p, "k" + (n / 2)).orElseThrow().run()
          .orElseThrow().runKey());
      Set<String> seen = new HashSet<>();
      for (int off = 0; off < n; off += 500) {
        store.query(JobQuery.all().withPage(off, 500)).forEach(j -> seen.add(j.id()));
      }
      assertEquals(n, seen.size(), "paging returns every job exactly once");
    }
  }
}
