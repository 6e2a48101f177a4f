package dev.printernizer.testkit.kits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The kits reject broken implementations: a kit that can never fail is worth nothing. */
class KitsCatchBugsTest {
  private static Set<String> failedTests(Class<?> kitRun) {
    return failures(kitRun).keySet();
  }

  /** @return the display names of the failed tests and their failure messages */
  private static Map<String, String> failures(Class<?> kitRun) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitRun))
        .execute().testEvents();
    assertTrue(tests.started().count() > 0, "the kit ran no tests");
    return tests.failed().stream().collect(Collectors.toMap(
        e -> e.getTestDescriptor().getDisplayName(),
        e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
            .map(t -> String.valueOf(t.getMessage())).orElse("(no message)")));
  }

  @Test
  void storeKitRejectsARacyStore() {
    Set<String> failed = failedTests(BrokenImplementations.RacyStoreKitRun.class);
    assertTrue(failed.contains("50 threads racing on one run key create exactly one job"),
        failed.toString());
    assertTrue(failed.contains(
        "a closed job stays closed; closing frees the printer for a new open job"),
        failed.toString());
    assertTrue(failed.contains("answers OPEN_CONFLICT when the printer has another open job"),
        failed.toString());
  }

  @Test
  void storeKitNamesTheFieldARoundTripLost() {
    Map<String, String> failed = failures(BrokenImplementations.NotesLosingStoreKitRun.class);
    String roundTrip = "every field survives storage: metadata, tracking, gaps, business";
    assertTrue(failed.containsKey(roundTrip), failed.toString());
    assertTrue(failed.get(roundTrip).startsWith("round trip lost field `business.notes`"),
        failed.get(roundTrip));
  }

  @Test
  void storeKitCatchesAStoreThatDoesNotKnowTheBackfillDetection() {
    Map<String, String> failed = failures(BrokenImplementations.OldDetectionsStoreKitRun.class);
    String name = "every detection survives storage, BACKFILL included";
    assertTrue(failed.containsKey(name), failed.toString());
    assertTrue(failed.get(name).contains("run.detection BACKFILL"), failed.get(name));
  }

  @Test
  void storeKitCatchesAStoreThatLosesFilamentsOfAPrintFile() {
    Map<String, String> failed = failures(BrokenImplementations.FirstFilamentStoreKitRun.class);
    String onOpen = "sets the description on an open job, raises the version, changes nothing"
        + " else";
    assertTrue(failed.containsKey(onOpen), failed.toString());
    assertTrue(failed.get(onOpen).startsWith("round trip lost field `printFile`"),
        failed.get(onOpen));
  }

  @Test
  void storeKitCatchesAStoreThatRoundsTheRatesOfACost() {
    Map<String, String> failed = failures(BrokenImplementations.RoundedRatesStoreKitRun.class);
    String onClosed = "sets the cost on a closed job, raises the version, changes nothing else";
    assertTrue(failed.containsKey(onClosed), failed.toString());
    assertTrue(failed.get(onClosed).startsWith("round trip lost field `cost`"),
        failed.get(onClosed));
  }

  @Test
  void storeKitCatchesStatisticsWithMonthsInTheWrongZone() {
    Map<String, String> failed = failures(BrokenImplementations.UtcMonthsStoreKitRun.class);
    String sum = "statistics: every figure equals a sum over the jobs, for filters, ranges, zones";
    assertTrue(failed.containsKey(sum), failed.toString());
    assertTrue(failed.get(sum).contains("Europe/Berlin") && failed.get(sum).contains("month"),
        failed.get(sum));
    assertTrue(failed.keySet().stream().allMatch(t -> t.startsWith("statistics:")),
        "only statistics tests fail: " + failed);
  }

  @Test
  void storeKitCatchesAnOutboxLeaseThatAnyoneCanTake() {
    Map<String, String> failed = failures(BrokenImplementations.LeaseForAllStoreKitRun.class);
    String leases = "outbox: a lease has one owner until it runs out; release hands it over";
    assertTrue(failed.containsKey(leases), failed.toString());
    assertTrue(failed.get(leases).startsWith("another owner cannot take it"),
        failed.get(leases));
    assertEquals(1, failed.size(), "the rest of its outbox is right: " + failed);
  }

  @Test
  void storeKitCatchesAPictureThatOutlivesItsJob() {
    Map<String, String> failed = failures(
        BrokenImplementations.ThumbnailOutlivesJobStoreKitRun.class);
    String deleted = "thumbnails: deleted with the job; a new job with that id has none";
    assertTrue(failed.containsKey(deleted), failed.toString());
    assertEquals(1, failed.size(), "the rest of its pictures are right: " + failed);
  }

  @Test
  void storeKitCatchesAScanThatPagesByOffset() {
    Map<String, String> failed = failures(BrokenImplementations.OffsetScanStoreKitRun.class);
    String scan = "scan: jobs created and deleted meanwhile make no other job skipped or repeated";
    assertTrue(failed.containsKey(scan), failed.toString());
    assertTrue(failed.get(scan).startsWith("scan repeated"), failed.get(scan));
    assertEquals(1, failed.size(), "a scan by offset is right while nothing changes: " + failed);
  }

  @Test
  void storeKitCatchesStatisticsThatDeletesDoNotReach() {
    Map<String, String> failed = failures(
        BrokenImplementations.CachedStatisticsStoreKitRun.class);
    String deletes = "statistics: deleting jobs changes them by exactly those jobs; edits do not";
    assertTrue(failed.containsKey(deletes), failed.toString());
    assertTrue(failed.get(deletes).contains("total"), failed.get(deletes));
  }

  @Test
  void storeKitSkipsPrintFilesForAStoreWithoutThem() {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(BrokenImplementations.CheckThenPutStoreKitRun.class))
        .execute().testEvents();
    long skipped = tests.aborted().stream().filter(e -> String.valueOf(e.getPayload(
        TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage).orElse("")).contains("does not keep print file")).count();
    assertEquals(4, skipped, "the three print file tests and the late-file statistics test"
        + " abort with a reason for a store that keeps the JobStore.updatePrintFile default");
    long costsSkipped = tests.aborted().stream().filter(e -> String.valueOf(e.getPayload(
        TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage).orElse("")).contains("does not keep job costs")).count();
    assertEquals(3, costsSkipped, "the three cost tests abort with a reason for a store that"
        + " keeps the JobStore.updateCost default");
  }

  @Test
  void storeKitCatchesACreateIfAbsentThatChecksThenPutsWithoutALock() {
    Map<String, String> failed = failures(BrokenImplementations.CheckThenPutStoreKitRun.class);
    String race = "4 threads racing round after round, a fresh run key each round, create one"
        + " job per key";
    String many = "many keys and printers at once: one job per key, one open job per printer";
    // a check-then-put store loses only some races: on a busy machine the rounds of the race
    // test may all go right, and then the many-keys test is the one that sees it
    assertTrue(failed.containsKey(race) || failed.containsKey(many), failed.toString());
    if (failed.containsKey(race)) {
      assertTrue(failed.get(race).matches(
          "createIfAbsent is not atomic: [2-9]\\d* jobs for run key race-\\d+"),
          failed.get(race));
    }
    for (String single : List.of("stores a new run's job and answers CREATED",
        "answers EXISTING with the first job for a run key already used",
        "answers OPEN_CONFLICT when the printer has another open job",
        "thousands of jobs: lookups and pages stay correct")) {
      assertFalse(failed.containsKey(single), "the store keeps the rules one caller can see,"
          + " so only races may fail: " + failed);
    }
  }

  @Test
  void driverKitRejectsALeakyDriver() {
    Set<String> failed = failedTests(BrokenImplementations.LeakyDriverKitRun.class);
    assertTrue(failed.contains("no thread is left behind after close"), failed.toString());
    assertTrue(failed.contains(
        "a lost connection is reported and monitoring resumes when the printer is back"),
        failed.toString());
    assertTrue(failed.contains("start returns at once; the first snapshot follows; close is"
        + " idempotent"), failed.toString());
  }
}
